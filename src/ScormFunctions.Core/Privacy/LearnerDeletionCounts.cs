namespace ScormFunctions.Core.Privacy;

/// <summary>What a deletion pass deleted, by kind (kept on the deletion record, shown by GET).</summary>
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

/// <summary>The kinds a pass counts, in the order of <see cref="LearnerDeletionCounts"/>.</summary>
public enum ErasedKind
{
    ScormCloudRegistrations,
    Registrations,
    RegistrationRows,
    IndexRows,
    Overrides,
    ResultBlobs,
    ArchivedPostbacks,
    LaunchNonces,
}

/// <summary>
/// What one step deleted so far, counted as it goes (thread-safe: a batch is erased in parallel), so a step that fails
/// halfway still reports what it did delete.
/// </summary>
public sealed class ErasureTally
{
    private readonly int[] counts = new int[Enum.GetValues<ErasedKind>().Length];

    public void Add(ErasedKind kind, int count = 1) => Interlocked.Add(ref counts[(int)kind], count);

    public LearnerDeletionCounts ToCounts()
    {
        int Read(ErasedKind kind) => Volatile.Read(ref counts[(int)kind]);
        return new(Read(ErasedKind.ScormCloudRegistrations), Read(ErasedKind.Registrations), Read(ErasedKind.RegistrationRows),
            Read(ErasedKind.IndexRows), Read(ErasedKind.Overrides), Read(ErasedKind.ResultBlobs), Read(ErasedKind.ArchivedPostbacks),
            Read(ErasedKind.LaunchNonces));
    }
}
