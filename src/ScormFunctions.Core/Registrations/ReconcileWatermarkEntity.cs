using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// The reconciliation sweep's durable state (one row): the newest SCORM Cloud <c>updated</c> applied so far and when
/// the last run ended. Written with the row's ETag, so two hosts running the sweep at once cannot move it backwards.
/// </summary>
public sealed class ReconcileWatermarkEntity : ITableEntity
{
    /// <summary>Logical table name (the configured prefix is added by the table provider).</summary>
    public const string TableName = "Reconciliation";

    public const string Partition = "registrations";

    public const string Row = "watermark";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The newest <c>updated</c> (SCORM Cloud's clock) of a registration the sweep has applied.</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>
    /// SCORM Cloud's <c>more</c> token where a run stopped at its call limit; the next run continues with it (it keeps
    /// the original filters), so an overlap larger than one run's budget cannot stall the sweep. Null after a complete run.
    /// </summary>
    public string? ResumeToken { get; set; }

    /// <summary>When the last run finished (our clock); a run is due <c>Registrations:ReconcileInterval</c> after it.</summary>
    public DateTimeOffset? LastRunAt { get; set; }
}
