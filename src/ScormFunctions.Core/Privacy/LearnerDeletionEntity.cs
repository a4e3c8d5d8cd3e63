using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// One deletion pass for a learner: its progress while it runs, then its audit record (table <c>LearnerDeletions</c>,
/// PK = the learner's pseudonym, RK = the pass, newest first). It never names the learner except in
/// <see cref="LearnerId"/>, which the pass's activities read and which is removed when the pass ends; what stays is the
/// pseudonym, who asked (the admin's subject), when, what was deleted and the outcome.
/// </summary>
public sealed class LearnerDeletionEntity : ITableEntity
{
    public const string TableName = "LearnerDeletions";

    private const int MaxPass = 999_999_999;

    /// <summary>The learner's pseudonym (<see cref="LearnerPseudonyms.Learner"/>).</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><see cref="RowKeyFor"/> of <see cref="Pass"/>: a partition query lists the newest pass first.</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>1 for the learner's first deletion, then one more per new DELETE after a pass ended.</summary>
    public int Pass { get; set; }

    /// <summary>Random public id of the pass.</summary>
    public string DeletionId { get; set; } = "";

    /// <summary><see cref="LearnerDeletionStatus"/>.</summary>
    public string Status { get; set; } = LearnerDeletionStatus.Running;

    /// <summary>The learner id, only while the pass runs: no orchestration input or history holds it.</summary>
    public string? LearnerId { get; set; }

    /// <summary>The subject of the admin who asked (kept for accountability).</summary>
    public string RequestedBy { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The last step failure (no ids or personal data: a kind and a status code), cleared by the next success.</summary>
    public string? LastError { get; set; }

    /// <summary>W3C traceparent of the request that started the pass: its steps join that trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary><see cref="ScormCloudLearnerData"/> once the learner-level request was made (or skipped).</summary>
    public string? ScormCloudLearnerData { get; set; }

    public int ScormCloudRegistrations { get; set; }

    public int Registrations { get; set; }

    public int RegistrationRows { get; set; }

    public int IndexRows { get; set; }

    public int Overrides { get; set; }

    public int ResultBlobs { get; set; }

    public int ArchivedPostbacks { get; set; }

    public int LaunchNonces { get; set; }

    [IgnoreDataMember]
    public LearnerDeletionCounts Counts
    {
        get => new(ScormCloudRegistrations, Registrations, RegistrationRows, IndexRows, Overrides, ResultBlobs, ArchivedPostbacks, LaunchNonces);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            (ScormCloudRegistrations, Registrations, RegistrationRows, IndexRows) = (value.ScormCloudRegistrations, value.Registrations, value.RegistrationRows, value.IndexRows);
            (Overrides, ResultBlobs, ArchivedPostbacks, LaunchNonces) = (value.Overrides, value.ResultBlobs, value.ArchivedPostbacks, value.LaunchNonces);
        }
    }

    public static string RowKeyFor(int pass) => (MaxPass - pass).ToString("D9", CultureInfo.InvariantCulture);
}

public static class LearnerDeletionStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>What became of the request to SCORM Cloud to delete the learner's own data (LearnerApi.DeleteAllLearnerData).</summary>
public static class ScormCloudLearnerData
{
    /// <summary>SCORM Cloud accepted it (it deletes in the background).</summary>
    public const string Requested = "requested";

    /// <summary><c>Privacy:ScormCloudRequesterEmail</c> is not set, so it was not made.</summary>
    public const string NotConfigured = "notConfigured";

    /// <summary>SCORM Cloud refused it (e.g. delete operations are disabled for the application): the pass fails.</summary>
    public const string Refused = "refused";
}
