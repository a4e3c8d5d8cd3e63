namespace ScormCloud.Client.Models;

/// <summary>
/// The course setting <c>WhenToRestartRegistration</c> (set it with <see cref="ScormCloudClient.SetCourseConfigurationAsync"/>):
/// when launching an existing registration starts a new instance on the course's newest version instead of playing the
/// current one. SCORM Cloud checks it when the learner launches; it can be set at the course level only; new registrations
/// always start on the newest version. The default is <see cref="Never"/>.
/// </summary>
/// <remarks>
/// The values are Rustici Engine's (SCORM Cloud runs on Engine); "complete" is <c>registrationCompletion</c> COMPLETED,
/// "satisfied" is complete and passed. The live service's list may differ: read
/// <see cref="RegistrationSettingMetadata.ValidValues"/> from <c>GetCourseConfigurationAsync(courseId, includeMetadata: true)</c>.
/// </remarks>
public static class WhenToRestartRegistration
{
    /// <summary>The setting id.</summary>
    public const string SettingId = "WhenToRestartRegistration";

    /// <summary>Existing registrations stay on the version they started on (the default).</summary>
    public const string Never = "NEVER";

    /// <summary>The next launch after a new version moves the registration to it, whatever its state ("Always").</summary>
    public const string WhenNewerVersionExists = "WHEN_NEWER_PACKAGE_VERSION_EXISTS";

    /// <summary>Move to a newer version once the registration is complete ("When Completed").</summary>
    public const string WhenCompleteAndNewerVersionExists = "WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS";

    /// <summary>Move to a newer version while the registration is incomplete or unknown ("If Incomplete").</summary>
    public const string WhenIncompleteAndNewerVersionExists = "WHEN_EXISTING_REG_IS_INCOMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS";

    /// <summary>Move to a newer version once the registration is complete and passed ("When Passed").</summary>
    public const string WhenSatisfiedAndNewerVersionExists = "WHEN_EXISTING_REG_IS_SATISFIED_AND_NEWER_PACKAGE_VERSION_EXISTS";

    /// <summary>Every launch of a complete registration starts a new instance (on the newest version), new version or not.</summary>
    public const string WhenComplete = "WHEN_EXISTING_REG_IS_COMPLETE";

    /// <summary>Every launch of a complete and passed registration starts a new instance (on the newest version).</summary>
    public const string WhenSatisfied = "WHEN_EXISTING_REG_IS_SATISFIED";

    /// <summary>The setting with <paramref name="value"/>, ready for <see cref="ScormCloudClient.SetCourseConfigurationAsync"/>.</summary>
    /// <param name="value">One of the constants of this class.</param>
    /// <returns>The setting value.</returns>
    public static RegistrationSettingValue Setting(string value) => new(SettingId, value);
}
