using System.Text.Json.Nodes;

namespace ScormCloud.Emulator.Registrations;

public sealed record Learner(string Id, string? FirstName, string? LastName, string? Email);

/// <summary>A registration and its rolled-up progress. Read and write progress only under <see cref="Gate"/>.</summary>
public sealed class RegistrationRecord(string id, long sequence, string courseId, int courseVersion, Learner learner, DateTimeOffset created)
{
    public string Id { get; } = id;

    public long Sequence { get; } = sequence;

    public string CourseId { get; } = courseId;

    public Learner Learner { get; } = learner;

    public DateTimeOffset Created { get; } = created;

    public Lock Gate { get; } = new();

    public string XapiRegistrationId { get; init; } = Guid.NewGuid().ToString();

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Settings set explicitly on this registration (ApiRollupRegistration*), by setting id.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    public int CourseVersion { get; set; } = courseVersion;

    public int Instance { get; set; }

    public DateTimeOffset Updated { get; set; } = created;

    public RegistrationProgress Progress { get; set; } = new();
}

/// <summary>Progress of one registration (single-SCO model: the launched SCO's run-time data is the course's).</summary>
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
