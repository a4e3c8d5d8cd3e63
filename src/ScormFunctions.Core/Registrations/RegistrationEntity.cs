using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using ScormFunctions.Core.Events;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Our record of a registration: one partition per registration (point reads, ETag-checked updates).
/// Reported values come from SCORM Cloud (postback or refresh); overrides are set by admins beside them.
/// </summary>
public sealed class RegistrationEntity : ITableEntity, IReportedResult
{
    public const string Row = "registration";

    /// <summary>The registration id (ours; also SCORM Cloud's).</summary>
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CourseId { get; set; } = "";

    public string LearnerId { get; set; } = "";

    public string? LearnerFirstName { get; set; }

    public string? LearnerLastName { get; set; }

    public string? LearnerEmail { get; set; }

    /// <summary><see cref="RegistrationState"/> as text.</summary>
    public string State { get; set; } = RegistrationState.Pending;

    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    // Reported by SCORM Cloud (the "big four" plus dates).
    public string? Completion { get; set; }

    public string? Success { get; set; }

    /// <summary>0–100, as SCORM Cloud's <c>score.scaled</c>.</summary>
    public double? Score { get; set; }

    public double? TotalSecondsTracked { get; set; }

    public DateTimeOffset? FirstAccessDate { get; set; }

    public DateTimeOffset? LastAccessDate { get; set; }

    public DateTimeOffset? CompletedDate { get; set; }

    /// <summary>SCORM Cloud's <c>updated</c> of the data we hold; older postbacks never overwrite it.</summary>
    public DateTimeOffset? ReportedUpdatedAt { get; set; }

    /// <summary>SCORM Cloud's current instance number (0, then one more per retake); its results are the reported ones.</summary>
    public int Instance { get; set; }

    /// <summary>The course version the current instance runs (SCORM Cloud's <c>course.version</c>), when known.</summary>
    public int? CourseVersion { get; set; }

    /// <summary>Blob name of the latest activity/runtime details (large parts live in blobs).</summary>
    public string? DetailsBlob { get; set; }

    // Admin override, kept beside the reported values (history in its own table).
    public string? OverrideCompletion { get; set; }

    public string? OverrideSuccess { get; set; }

    public double? OverrideScore { get; set; }

    public string? OverrideReason { get; set; }

    public string? OverrideBy { get; set; }

    public DateTimeOffset? OverrideAt { get; set; }

    /// <summary>Result-change events written for this registration so far (the last one's sequence); see Events/.</summary>
    public long EventSequence { get; set; }

    /// <summary>
    /// Writes of this record so far (one more per write, under its ETag): with <see cref="CreatedAt"/> the order in which
    /// its copy on the course index row (<see cref="RegistrationIndexEntity"/>) follows it, so an older copy never
    /// replaces a newer one.
    /// </summary>
    public long Revision { get; set; }

    /// <summary>True when this version was written after <paramref name="other"/> (a later incarnation, or a later revision of the same).</summary>
    public bool IsNewerThan(RegistrationEntity other) =>
        CreatedAt != other.CreatedAt ? CreatedAt > other.CreatedAt : Revision > other.Revision;

    /// <summary>A copy of every column under other keys (the course index row's copy of the record).</summary>
    internal RegistrationEntity CopyAs(string partitionKey, string rowKey, ETag etag)
    {
        var copy = (RegistrationEntity)MemberwiseClone();
        copy.PartitionKey = partitionKey;
        copy.RowKey = rowKey;
        copy.ETag = etag;
        copy.ResultAsRead = null;
        copy.CourseCopyETag = null;
        return copy;
    }

    /// <summary>
    /// The course index row's ETag as this instance last left it (not stored; after an insert or a copy): the copy after
    /// this instance's next write replaces the row under it without reading it first.
    /// </summary>
    [IgnoreDataMember]
    public ETag? CourseCopyETag { get; set; }

    /// <summary>The effective result as read from storage (not stored): a write that changes it carries an event.</summary>
    [IgnoreDataMember]
    public ResultSnapshot? ResultAsRead { get; set; }
}

/// <summary>Lifecycle of a registration record.</summary>
public static class RegistrationState
{
    /// <summary>Written before SCORM Cloud is asked; repaired by the next attempt or the sweep.</summary>
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Failed = "failed";
    public const string Deleted = "deleted";
}
