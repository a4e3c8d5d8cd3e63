using System.ComponentModel.DataAnnotations;
using ScormCloud.Client.Models;

namespace ScormFunctions.Core.Registrations;

/// <summary>Settings under <c>Registrations:</c> (postback format, repair sweep, exit refresh, result blobs).</summary>
public sealed class RegistrationOptions : IValidatableObject
{
    public const string SectionName = "Registrations";

    /// <summary>How SCORM Cloud delivers postbacks: <c>HttpBasic</c> (JSON body + Basic auth) or <c>Form</c>. <value>Default: HttpBasic</value></summary>
    public PostBackAuthType PostbackAuthType { get; set; } = PostBackAuthType.HttpBasic;

    /// <summary>
    /// Postbacks with a body over 64 KiB (or of undeclared length) read at the same time; more are answered 503 with
    /// Retry-After (SCORM Cloud retries). Bounds what anyone can make the host hold. <value>Default: 8</value>
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentLargePostbacks { get; set; } = 8;

    /// <summary>Postback detail: <c>Full</c> (activity tree + runtime) or <c>Activity</c>. <value>Default: Full</value></summary>
    public PostBackResultsFormat ResultsFormat { get; set; } = PostBackResultsFormat.Full;

    /// <summary>A pending record older than this is reconciled by the sweep. <value>Default: 5 minutes</value></summary>
    public TimeSpan PendingRepairAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the local host's background sweep runs (the Functions app uses a timer trigger). <value>Default: 5 minutes</value></summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the reconciliation sweep asks SCORM Cloud for registrations changed since its watermark, so results
    /// arrive even when postbacks do not. <value>Default: 5 minutes</value>
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far before its watermark each sweep starts (clock skew, updates landing late). <value>Default: 5 minutes</value></summary>
    public TimeSpan ReconcileOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the very first sweep (no watermark yet) looks. <value>Default: 1 day</value></summary>
    public TimeSpan ReconcileInitialLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>At most this many SCORM Cloud list calls per sweep (a 429 counts); the rest waits for the next run. <value>Default: 20</value></summary>
    public int ReconcileMaxCalls { get; set; } = 20;

    /// <summary>First wait after a 429 from SCORM Cloud during a sweep; doubles per 429, at most 1 minute. <value>Default: 2 seconds</value></summary>
    public TimeSpan ReconcileBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the exit endpoint waits for a results refresh before redirecting anyway. <value>Default: 3 seconds</value></summary>
    public TimeSpan ExitRefreshTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The anonymous exit endpoint refreshes a registration from SCORM Cloud at most once per this interval (per host
    /// instance); repeated exits within it just redirect. <value>Default: 30 seconds</value>
    /// </summary>
    public TimeSpan ExitRefreshMinInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of our signed launch URLs (at most 2 minutes). <value>Default: 2 minutes</value></summary>
    public TimeSpan LaunchUrlLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether learners may start a retake of their own registration (<c>POST …/instances</c>); admins always may.
    /// <value>Default: false</value>
    /// </summary>
    public bool LearnerMayRetake { get; set; }

    /// <summary>Blob container for activity trees and runtime data. <value>Default: registration-results</value></summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Registrations:ResultsContainer must be a valid blob container name.")]
    public string ResultsContainer { get; set; } = "registration-results";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PostbackAuthType == PostBackAuthType.Undefined)
        {
            yield return new ValidationResult("Registrations:PostbackAuthType must be HttpBasic or Form.", [nameof(PostbackAuthType)]);
        }
        if (ResultsFormat is not (PostBackResultsFormat.Full or PostBackResultsFormat.Activity))
        {
            yield return new ValidationResult("Registrations:ResultsFormat must be Full or Activity.", [nameof(ResultsFormat)]);
        }
        if (LaunchUrlLifetime <= TimeSpan.Zero || LaunchUrlLifetime > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult("Registrations:LaunchUrlLifetime must be more than 0 and at most 00:02:00.", [nameof(LaunchUrlLifetime)]);
        }
        if (ReconcileInterval <= TimeSpan.Zero || ReconcileOverlap < TimeSpan.Zero || ReconcileInitialLookback < TimeSpan.Zero
            || ReconcileMaxCalls < 1 || ReconcileBackoff < TimeSpan.Zero)
        {
            yield return new ValidationResult(
                "Registrations:ReconcileInterval must be positive, ReconcileMaxCalls at least 1; ReconcileOverlap, ReconcileInitialLookback and ReconcileBackoff must not be negative.",
                [nameof(ReconcileInterval), nameof(ReconcileOverlap), nameof(ReconcileInitialLookback), nameof(ReconcileMaxCalls), nameof(ReconcileBackoff)]);
        }
        if (PendingRepairAfter < TimeSpan.Zero || SweepInterval <= TimeSpan.Zero || ExitRefreshTimeout <= TimeSpan.Zero || ExitRefreshMinInterval < TimeSpan.Zero)
        {
            yield return new ValidationResult(
                "Registrations:PendingRepairAfter and ExitRefreshMinInterval must not be negative; SweepInterval and ExitRefreshTimeout must be positive.",
                [nameof(PendingRepairAfter), nameof(SweepInterval), nameof(ExitRefreshTimeout), nameof(ExitRefreshMinInterval)]);
        }
    }
}
