using ScormCloud.Emulator.Registrations;

namespace ScormCloud.Emulator.Courses;

/// <summary>
/// The course setting <c>WhenToRestartRegistration</c>: when a launch of an existing registration starts a new instance on
/// the course's latest version instead of playing the current one. "Checked when the learner launches a registration",
/// set at the course level only, "Never" is the default (SCORM Cloud V2 guide "Course Versioning and Overwriting").
/// The values are Rustici Engine's, the engine SCORM Cloud runs on (the <c>WhenToRestartRegistration</c> value map of
/// Rustici's PHP <c>APIMappings</c>, namespace <c>RusticiSoftware\ScormContentPlayer</c>); their meanings follow the
/// SCORM Cloud UI's descriptions ("If Incomplete: incomplete (or unknown)", "When Passed: complete and passed").
/// </summary>
public static class RestartPolicy
{
    public const string SettingId = "WhenToRestartRegistration";

    public const string Never = "NEVER";

    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Never] = "Keep existing registrations on the version they started (default).",
        ["WHEN_NEWER_PACKAGE_VERSION_EXISTS"] = "Always move to the newest version.",
        ["WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS"] = "Move to the newest version once the registration is complete.",
        ["WHEN_EXISTING_REG_IS_INCOMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS"] = "Move to the newest version while the registration is incomplete or unknown.",
        ["WHEN_EXISTING_REG_IS_SATISFIED_AND_NEWER_PACKAGE_VERSION_EXISTS"] = "Move to the newest version once the registration is complete and passed.",
        ["WHEN_EXISTING_REG_IS_COMPLETE"] = "Start a new instance on the newest version whenever the registration is complete.",
        ["WHEN_EXISTING_REG_IS_SATISFIED"] = "Start a new instance on the newest version whenever the registration is complete and passed.",
    };

    /// <summary>The value as stored (upper case), or null when it is not one of <see cref="Values"/>.</summary>
    public static string? Normalize(string value)
    {
        var upper = value.Trim().ToUpperInvariant();
        return Values.ContainsKey(upper) ? upper : null;
    }

    /// <summary>Whether launching <paramref name="current"/> starts a new instance on <paramref name="latestVersion"/>. Call under the registration's gate.</summary>
    public static bool ShouldRestart(string? setting, RegistrationInstance current, int latestVersion)
    {
        var newer = latestVersion > current.CourseVersion;
        var complete = current.Progress.Completion == "COMPLETED";
        var passed = complete && current.Progress.Success == "PASSED";
        return (setting ?? Never) switch
        {
            "WHEN_NEWER_PACKAGE_VERSION_EXISTS" => newer,
            "WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS" => newer && complete,
            "WHEN_EXISTING_REG_IS_INCOMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS" => newer && !complete,
            "WHEN_EXISTING_REG_IS_SATISFIED_AND_NEWER_PACKAGE_VERSION_EXISTS" => newer && passed,
            "WHEN_EXISTING_REG_IS_COMPLETE" => complete,
            "WHEN_EXISTING_REG_IS_SATISFIED" => passed,
            _ => false,
        };
    }
}
