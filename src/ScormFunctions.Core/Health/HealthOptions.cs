using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.Core.Health;

/// <summary>Settings under <c>Health:</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// How long GET /api/health reuses SCORM Cloud's last ping result (the endpoint is anonymous: callers must not be
    /// able to drive traffic to SCORM Cloud). <value>Default: 30 seconds</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Health:ScormCloudCacheDuration must be between 00:00:00 and 01:00:00.")]
    public TimeSpan ScormCloudCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
