using ScormCloud.Emulator.Faults;
using ScormCloud.Emulator.Postbacks;

namespace ScormCloud.Emulator;

/// <summary>Settings under <c>Emulator:</c>. The credentials are fake local-development values, not secrets.</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <value>Basic-auth user name (SCORM Cloud "app id"). Default <c>emulator-app</c> (fake).</value>
    public string AppId { get; set; } = "emulator-app";

    /// <value>Basic-auth password (SCORM Cloud "secret key"). Default <c>emulator-secret</c> (fake).</value>
    public string SecretKey { get; set; } = "emulator-secret";

    /// <value>How long an import job reports RUNNING. Default 2 s; tests use 0.</value>
    public TimeSpan ImportDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>Page size of the course and registration lists. Default 100.</value>
    public int PageSize { get; set; } = 100;

    /// <value>Where uploads and extracted packages go. Default: a fresh temp directory, deleted on shutdown.</value>
    public string? DataPath { get; set; }

    /// <value>
    /// Comma-separated primary emails of the realm's users: the learner data deletion is accepted only on behalf of one
    /// of them (400 otherwise). Default: empty, any email is accepted.
    /// </value>
    public string? RealmUserEmails { get; set; }

    public PostbackOptions Postbacks { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();
}
