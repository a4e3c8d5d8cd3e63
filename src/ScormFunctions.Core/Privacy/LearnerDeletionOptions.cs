using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.Core.Privacy;

/// <summary>Settings under <c>Privacy:</c> for learner data deletion (see docs/privacy.md).</summary>
public sealed class LearnerDeletionOptions : IValidatableObject
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// The primary email of a user of the SCORM Cloud realm the application is in: SCORM Cloud's learner data deletion
    /// (LearnerApi.DeleteAllLearnerData) is made on that user's behalf. Unset: that request is not made (the pass
    /// still deletes the learner's registrations there). <value>Default: unset</value>
    /// </summary>
    public string? ScormCloudRequesterEmail { get; set; }

    /// <summary>Registrations erased per activity call. <value>Default: 50</value></summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Attempts of one activity call (Durable retry policy) before the orchestration backs off. <value>Default: 5</value></summary>
    [Range(1, 100)]
    public int ActivityMaxAttempts { get; set; } = 5;

    /// <summary>First retry interval of an activity call. <value>Default: 5 s</value></summary>
    public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry interval of an activity call. <value>Default: 2 minutes</value></summary>
    public TimeSpan ActivityMaxRetryInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait after a step failed all its attempts (an outage) before it is tried again. <value>Default: 5 minutes</value></summary>
    public TimeSpan OutageBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A pass whose steps still fail this long after it started ends failed. <value>Default: 3 days</value></summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Steps per orchestration generation before ContinueAsNew trims the history. <value>Default: 50</value></summary>
    [Range(1, 1000)]
    public int StepsPerGeneration { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ActivityFirstRetryInterval <= TimeSpan.Zero || ActivityMaxRetryInterval < ActivityFirstRetryInterval)
        {
            // The Durable RetryPolicy rejects these, which would fail every pass on its first step.
            yield return new ValidationResult("Privacy:ActivityFirstRetryInterval must be positive and not above Privacy:ActivityMaxRetryInterval.",
                [nameof(ActivityFirstRetryInterval), nameof(ActivityMaxRetryInterval)]);
        }
        if (!string.IsNullOrEmpty(ScormCloudRequesterEmail) && !new EmailAddressAttribute().IsValid(ScormCloudRequesterEmail))
        {
            yield return new ValidationResult("Privacy:ScormCloudRequesterEmail must be an email address (or empty).", [nameof(ScormCloudRequesterEmail)]);
        }
        if (OutageBackoff <= TimeSpan.Zero) yield return new ValidationResult("Privacy:OutageBackoff must be positive.", [nameof(OutageBackoff)]);
        if (GiveUpAfter <= TimeSpan.Zero) yield return new ValidationResult("Privacy:GiveUpAfter must be positive.", [nameof(GiveUpAfter)]);
    }

    /// <summary>What the orchestration needs of these settings (carried in its input: replays see the values it started with).</summary>
    public LearnerDeletionSettings ToSettings() =>
        new(ActivityMaxAttempts, ActivityFirstRetryInterval, ActivityMaxRetryInterval, OutageBackoff, StepsPerGeneration);
}

public sealed record LearnerDeletionSettings(
    int ActivityMaxAttempts, TimeSpan ActivityFirstRetryInterval, TimeSpan ActivityMaxRetryInterval, TimeSpan OutageBackoff, int StepsPerGeneration);
