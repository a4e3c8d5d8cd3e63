using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Index row pointing at a registration, for "registrations of a course" and "of a learner" without scans.
/// Table transactions cannot span the registration's partition and the index partition, so index rows are
/// written first (idempotent upserts) and readers skip rows whose registration is missing; a repair
/// re-derives them from the registration records.
/// </summary>
public sealed class RegistrationIndexEntity : ITableEntity
{
    /// <summary><c>c|{courseId}</c> or <c>l|{learnerId}</c>.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The registration id.</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public static string CoursePartition(string courseId) => "c|" + courseId;

    public static string LearnerPartition(string learnerId) => "l|" + learnerId;
}
