using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Registrations.Retakes;

/// <summary>
/// The latest result SCORM Cloud reported for one instance of a registration, kept as history after a retake.
/// Lives in the registration's own partition (row <c>instance-{n:D6}</c>) so it goes wherever the registration goes.
/// </summary>
public sealed class RegistrationInstanceEntity : ITableEntity, IReportedResult
{
    public const string RowPrefix = "instance-";

    /// <summary>The registration id.</summary>
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Instance { get; set; }

    public int? CourseVersion { get; set; }

    public string? Completion { get; set; }

    public string? Success { get; set; }

    public double? Score { get; set; }

    public double? TotalSecondsTracked { get; set; }

    public DateTimeOffset? FirstAccessDate { get; set; }

    public DateTimeOffset? LastAccessDate { get; set; }

    public DateTimeOffset? CompletedDate { get; set; }

    /// <summary>SCORM Cloud's <c>updated</c> of these values; older reports for the instance never overwrite them.</summary>
    public DateTimeOffset? ReportedUpdatedAt { get; set; }

    public static string RowKeyFor(int instance) => RowPrefix + instance.ToString("D6", CultureInfo.InvariantCulture);
}
