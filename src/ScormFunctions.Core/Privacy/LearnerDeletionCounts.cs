namespace ScormFunctions.Core.Privacy;

/// <summary>What a deletion pass deleted, by kind (carried in orchestration state, stored on the deletion record, shown by GET).</summary>
/// <param name="ScormCloudRegistrations">Registrations deleted in SCORM Cloud.</param>
/// <param name="Registrations">Our registration records.</param>
/// <param name="RegistrationRows">Every row of those records' partitions (the record and anything other features keep beside it).</param>
/// <param name="IndexRows">Course and learner index rows.</param>
/// <param name="Overrides">Override history entries.</param>
/// <param name="ResultBlobs">Stored activity details (results blobs).</param>
/// <param name="ArchivedPostbacks">Archived raw postbacks.</param>
/// <param name="LaunchNonces">Used launch nonces.</param>
public sealed record LearnerDeletionCounts(
    int ScormCloudRegistrations = 0,
    int Registrations = 0,
    int RegistrationRows = 0,
    int IndexRows = 0,
    int Overrides = 0,
    int ResultBlobs = 0,
    int ArchivedPostbacks = 0,
    int LaunchNonces = 0)
{
    public static LearnerDeletionCounts None { get; } = new();

    public LearnerDeletionCounts Add(LearnerDeletionCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            ScormCloudRegistrations + other.ScormCloudRegistrations, Registrations + other.Registrations,
            RegistrationRows + other.RegistrationRows, IndexRows + other.IndexRows, Overrides + other.Overrides,
            ResultBlobs + other.ResultBlobs, ArchivedPostbacks + other.ArchivedPostbacks, LaunchNonces + other.LaunchNonces);
    }

    /// <summary>Each kind with its count, named as in the API (metrics tag them with these names).</summary>
    public IEnumerable<(string Kind, int Count)> ByKind() =>
    [
        ("scormCloudRegistrations", ScormCloudRegistrations), ("registrations", Registrations), ("registrationRows", RegistrationRows),
        ("indexRows", IndexRows), ("overrides", Overrides), ("resultBlobs", ResultBlobs), ("archivedPostbacks", ArchivedPostbacks),
        ("launchNonces", LaunchNonces),
    ];
}

/// <summary>Thread-safe counting while one batch is erased in parallel.</summary>
internal sealed class ErasureTally
{
    public int ScormCloudRegistrations;
    public int Registrations;
    public int RegistrationRows;
    public int IndexRows;
    public int Overrides;
    public int ResultBlobs;
    public int ArchivedPostbacks;
    public int LaunchNonces;

    public LearnerDeletionCounts ToCounts() =>
        new(ScormCloudRegistrations, Registrations, RegistrationRows, IndexRows, Overrides, ResultBlobs, ArchivedPostbacks, LaunchNonces);
}
