using System.ComponentModel.DataAnnotations;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.LocalHost.Registrations;

/// <summary>
/// <c>Registrations:SweepInterval</c>: how often the local host's background sweep runs. A local-runner setting: the
/// Functions app sweeps on a timer trigger (<c>0 */5 * * * *</c>) and never reads it.
/// </summary>
public sealed class RegistrationSweepOptions
{
    public const string SectionName = RegistrationOptions.SectionName;

    /// <summary><value>Default: 5 minutes</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Registrations:SweepInterval must be positive (at most 365 days).")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
