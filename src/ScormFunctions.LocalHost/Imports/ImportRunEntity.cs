using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.LocalHost.Imports;

/// <summary>
/// One tracked import in the local runner (<c>ImportRuns</c> table): the decisions' state as JSON plus the columns
/// the runner queries and leases on. Every write is ETag-checked.
/// </summary>
public sealed class ImportRunEntity : ITableEntity
{
    public const string Partition = "run";

    public string PartitionKey { get; set; } = Partition;

    /// <summary>The instance id, as in the Functions app (<c>import-{courseId}-{importId}</c> or a hash).</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CourseId { get; set; } = "";

    public string ImportId { get; set; } = "";

    /// <summary>False once the outcome is recorded.</summary>
    public bool Active { get; set; } = true;

    /// <summary>When the next step is due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary><c>ImportRunState</c> JSON.</summary>
    public string StateJson { get; set; } = "";

    /// <summary>A final outcome whose recording failed (storage down); recorded again on the next step.</summary>
    public string? PendingOutcomeJson { get; set; }

    /// <summary>The final status once done.</summary>
    public string? Result { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Set by a postback: the next step runs now even if a step was running when it arrived.</summary>
    public DateTimeOffset? SignaledAt { get; set; }

    public int Steps { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
