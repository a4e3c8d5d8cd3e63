using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Index row pointing at a registration, for "registrations of a course" and "of a learner" without scans.
/// Table transactions cannot span the registration's partition and the index partition, so index rows are
/// written first (idempotent upserts) and readers skip rows whose registration is missing; a repair
/// re-derives them from the registration records.
/// The course's row also carries a copy of the record's columns (written right after each write of the record,
/// newer versions only: see <c>RegistrationRepository.CopyToCourseIndexAsync</c>), so the course's CSV report is one
/// partition query; it is read as a <see cref="RegistrationEntity"/>, and a row without a copy (<see cref="HoldsCopy"/>)
/// is resolved through its record.
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

    /// <summary>True when a course index row, read as a record, holds a copy of one (a bare row has no columns).</summary>
    public static bool HoldsCopy(RegistrationEntity row) => row.Revision > 0 && row.CourseId.Length > 0;

    /// <summary>The course index row holding a copy of <paramref name="stored"/> (a version as written), to replace the row with <paramref name="etag"/>.</summary>
    public static RegistrationEntity CourseCopyOf(RegistrationEntity stored, ETag etag = default) =>
        stored.CopyAs(CoursePartition(stored.CourseId), stored.PartitionKey, etag);

    /// <summary>A course index row's copy, read, turned into the record it stands for (its own keys, no ETag: not for writing back).</summary>
    public static RegistrationEntity AsRecord(RegistrationEntity copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy.PartitionKey = copy.RowKey;
        copy.RowKey = RegistrationEntity.Row;
        copy.ETag = default;
        return copy;
    }
}
