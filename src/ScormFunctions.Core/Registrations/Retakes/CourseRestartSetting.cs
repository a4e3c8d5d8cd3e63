using Microsoft.Extensions.Logging;
using ScormCloud.Client;
using ScormCloud.Client.Models;

namespace ScormFunctions.Core.Registrations.Retakes;

/// <summary>
/// The admin's choice, on an import, of what a new course version does to existing registrations: SCORM Cloud's
/// course setting <c>WhenToRestartRegistration</c>, applied when the import succeeds.
/// </summary>
public static class CourseRestartSetting
{
    /// <summary>The values an import request may give (the client's constants).</summary>
    public static readonly IReadOnlyList<string> Values =
    [
        WhenToRestartRegistration.Never,
        WhenToRestartRegistration.WhenNewerVersionExists,
        WhenToRestartRegistration.WhenCompleteAndNewerVersionExists,
        WhenToRestartRegistration.WhenIncompleteAndNewerVersionExists,
        WhenToRestartRegistration.WhenSatisfiedAndNewerVersionExists,
        WhenToRestartRegistration.WhenComplete,
        WhenToRestartRegistration.WhenSatisfied,
    ];

    /// <summary>The canonical value for <paramref name="value"/> (case-insensitive), or null when it is not one of <see cref="Values"/>.</summary>
    public static string? Normalize(string value) =>
        Values.FirstOrDefault(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string ValidationMessage(string value) =>
        $"Unknown whenToRestartRegistration '{value}': use one of {string.Join(", ", Values)}.";

    /// <summary>
    /// Sets the course setting (idempotent, so a repeated activity just sets it again). Transient failures throw, so the
    /// durable step retries; a refusal is logged and the import's outcome is still recorded.
    /// </summary>
    public static async Task ApplyAsync(ScormCloudClient cloud, string courseId, string value, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await cloud.SetCourseConfigurationAsync(courseId, [WhenToRestartRegistration.Setting(value)], cancellationToken);
            logger.LogInformation("Course {CourseId}: WhenToRestartRegistration set to {Value}", courseId, value);
        }
        catch (ScormCloudException ex) when (!ex.IsTransient)
        {
            logger.LogError("Course {CourseId}: SCORM Cloud refused WhenToRestartRegistration {Value} ({Status}): {Message}",
                courseId, value, ex.Status, ex.ServiceMessage);
        }
    }
}
