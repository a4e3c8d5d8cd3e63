using System.Text.Json.Nodes;

namespace ScormCloud.Emulator.Registrations;

public sealed record Learner(string Id, string? FirstName, string? LastName, string? Email);

/// <summary>
/// A registration: who, which course, its settings, and its instances (0, 1, …; the newest is the current one, which
/// <c>GET /registrations/{id}</c> and launches use). Read and write instances only under <see cref="Gate"/>.
/// </summary>
public sealed class RegistrationRecord
{
    private readonly List<RegistrationInstance> instances = [];
    private DateTimeOffset lastChange;

    /// <summary>A registration with instance 0 on <paramref name="courseVersion"/>; its xAPI registration id is a new UUID unless given.</summary>
    public RegistrationRecord(string id, long sequence, string courseId, int courseVersion, Learner learner, DateTimeOffset created,
        string? xapiRegistrationId = null)
    {
        Id = id;
        Sequence = sequence;
        CourseId = courseId;
        Learner = learner;
        Created = RegistrationClock.Truncate(created);
        lastChange = Created;
        instances.Add(new RegistrationInstance(0, courseVersion, xapiRegistrationId ?? Guid.NewGuid().ToString(), Created));
    }

    public string Id { get; }

    public long Sequence { get; }

    public string CourseId { get; }

    /// <summary>Replaced whole (a learner data deletion clears the name and email).</summary>
    public Learner Learner { get; set; }

    /// <summary>When the registration was created; every instance reports it as <c>createdDate</c>.</summary>
    public DateTimeOffset Created { get; }

    public Lock Gate { get; } = new();

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Settings set explicitly on this registration (ApiRollupRegistration*), by setting id; shared by its instances.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>The newest instance. Call under <see cref="Gate"/>.</summary>
    public RegistrationInstance Current => instances[^1];

    /// <summary>All instances, oldest first. Call under <see cref="Gate"/>.</summary>
    public IReadOnlyList<RegistrationInstance> Instances => instances;

    /// <summary>Call under <see cref="Gate"/>.</summary>
    public RegistrationInstance? Find(int instance) => instances.Find(i => i.Number == instance);

    /// <summary>Starts instance N+1 with no progress on <paramref name="courseVersion"/>; it becomes the current one. Call under <see cref="Gate"/>.</summary>
    public RegistrationInstance AddInstance(int courseVersion, DateTimeOffset now)
    {
        var instance = new RegistrationInstance(Current.Number + 1, courseVersion, Guid.NewGuid().ToString(), now);
        instances.Add(instance);
        Touch(instance, now);
        return instance;
    }

    /// <summary>
    /// Marks <paramref name="instance"/> changed. <c>updated</c> increases strictly across all instances of the registration,
    /// so a receiver ordering postbacks on it never sees an older instance's change as newer. Call under <see cref="Gate"/>.
    /// </summary>
    public void Touch(RegistrationInstance instance, DateTimeOffset now)
    {
        lastChange = RegistrationClock.Next(lastChange, now);
        instance.Updated = lastChange;
    }
}

/// <summary>One instance of a registration: the course version it runs and its own progress.</summary>
public sealed class RegistrationInstance(int number, int courseVersion, string xapiRegistrationId, DateTimeOffset created)
{
    public int Number { get; } = number;

    public int CourseVersion { get; set; } = courseVersion;

    public string XapiRegistrationId { get; } = xapiRegistrationId;

    public DateTimeOffset Updated { get; set; } = created;

    public RegistrationProgress Progress { get; set; } = new();
}

/// <summary>Progress of one registration instance (single-SCO model: the launched SCO's run-time data is the course's).</summary>
public sealed class RegistrationProgress
{
    public string Completion { get; set; } = "UNKNOWN";

    public string Success { get; set; } = "UNKNOWN";

    /// <summary>0–100, as SCORM Cloud's ScoreSchema.scaled.</summary>
    public double? Score { get; set; }

    public double CompletionAmount { get; set; }

    public double TotalSeconds { get; set; }

    /// <summary>Total seconds before the current launch session; the session's session_time is added to it.</summary>
    public double SecondsBeforeSession { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? FirstAccess { get; set; }

    public DateTimeOffset? LastAccess { get; set; }

    public DateTimeOffset? Completed { get; set; }

    /// <summary>The latest <c>runtimeData.cmi</c> object a commit sent.</summary>
    public JsonObject? Cmi { get; set; }

    /// <summary>The SCO's last cmi exit value; "suspend" makes the next launch a resume.</summary>
    public string? LastExit { get; set; }
}
