namespace ScormCloud.Emulator.Courses;

/// <summary>One imported version of a course: what the manifest said and where its files are.</summary>
public sealed record CourseVersion(
    int Version,
    string Title,
    string LearningStandard,
    string LaunchHref,
    string RootActivityId,
    LaunchedSco Sco,
    IReadOnlyList<string> ParserWarnings,
    string ContentKey,
    string ContentDirectory,
    DateTimeOffset Created);

/// <summary>The SCO the player launches (the manifest's first launchable one) and its mastery score as written.</summary>
public sealed record LaunchedSco(string Id, string Title, string? MasteryScore);

/// <summary>A course and its versions (newest last). Guard mutation with <see cref="Gate"/>.</summary>
public sealed class CourseRecord(string id, long sequence, DateTimeOffset created)
{
    private readonly List<CourseVersion> versions = [];

    public string Id { get; } = id;

    public long Sequence { get; } = sequence;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Updated { get; private set; } = created;

    public Lock Gate { get; } = new();

    /// <summary>Settings set explicitly on the course (for example WhenToRestartRegistration), by setting id. Use under <see cref="Gate"/>.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    public string? Setting(string id)
    {
        lock (Gate) return Settings.GetValueOrDefault(id);
    }

    public CourseVersion Latest
    {
        get
        {
            lock (Gate) return versions[^1];
        }
    }

    public CourseVersion? Find(int version)
    {
        lock (Gate) return versions.Find(v => v.Version == version);
    }

    public IReadOnlyList<CourseVersion> Versions
    {
        get
        {
            lock (Gate) return [.. versions];
        }
    }

    /// <summary>First version is 0, as in SCORM Cloud; each further import adds one.</summary>
    public int NextVersion
    {
        get
        {
            lock (Gate) return versions.Count == 0 ? 0 : versions[^1].Version + 1;
        }
    }

    public void Add(CourseVersion version)
    {
        lock (Gate)
        {
            versions.Add(version);
            Updated = version.Created;
        }
    }
}
