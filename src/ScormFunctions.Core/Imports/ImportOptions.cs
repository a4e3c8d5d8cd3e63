using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.Core.Imports;

/// <summary>How a package reaches SCORM Cloud.</summary>
public enum ImportMode
{
    /// <summary>SCORM Cloud downloads the package from a short-lived read SAS: no package bytes through our compute.</summary>
    Fetch,

    /// <summary>We stream the blob into SCORM Cloud's upload endpoint (constant memory). The local default.</summary>
    Relay,
}

/// <summary>Settings under <c>Imports:</c> (see docs/imports.md for the table).</summary>
public sealed class ImportOptions : IValidatableObject
{
    public const string SectionName = "Imports";

    /// <summary>Mode used when a request names none. <value>Default: fetch (relay in the local host's appsettings)</value></summary>
    public ImportMode DefaultMode { get; set; } = ImportMode.Fetch;

    /// <summary>How long an upload URL stays valid. <value>Default: 15 minutes</value></summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the read SAS given to SCORM Cloud in fetch mode stays valid. <value>Default: 2 hours</value></summary>
    public TimeSpan FetchUrlLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest package accepted at import start. <value>Default: 4 GiB</value></summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Block size the upload response recommends for Put Block uploads. <value>Default: 8 MiB</value></summary>
    public long BlockSizeBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Largest package the upload response recommends sending in one PUT. <value>Default: 256 MiB</value></summary>
    public long SinglePutMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>First wait before polling a started job; doubles after each RUNNING poll. <value>Default: 2 s</value></summary>
    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap of the poll (and outage) backoff. <value>Default: 30 s</value></summary>
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SCORM Cloud can reach <c>App:PublicBaseUrl</c>, so each job's postback (always requested) is expected to wake its
    /// tracker: polls are then only the fallback for a lost postback and wait <see cref="MaxPollDelay"/> each, instead of
    /// <see cref="FirstPollDelay"/> doubling (which mostly sees RUNNING just before the postback arrives). Set false
    /// where postbacks cannot arrive (a development machine against the real SCORM Cloud). <value>Default: true</value>
    /// </summary>
    public bool ExpectPostbacks { get; set; } = true;

    /// <summary>Factor applied to the poll delay after each poll. <value>Default: 2</value></summary>
    public double PollBackoffFactor { get; set; } = 2;

    /// <summary>An import still running this long after it started ends as timedOut. <value>Default: 3 hours</value></summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Polls per orchestration generation before ContinueAsNew trims the history. <value>Default: 50</value></summary>
    public int PollsPerGeneration { get; set; } = 50;

    /// <summary>Attempts of one activity call (Durable retry policy) before the orchestration backs off. <value>Default: 5</value></summary>
    public int ActivityMaxAttempts { get; set; } = 5;

    /// <summary>First retry interval of an activity call. <value>Default: 5 s</value></summary>
    public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry interval of an activity call. <value>Default: 2 minutes</value></summary>
    public TimeSpan ActivityMaxRetryInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// After a start whose answer was lost (the host died, the call timed out), how long to wait for SCORM Cloud's job
    /// of that start to create the course before starting again (which would import the package a second time).
    /// <value>Default: 5 minutes</value>
    /// </summary>
    public TimeSpan LostStartWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Days a failed upload is kept for diagnosis; the Bicep lifecycle rule deletes <c>uploads/</c> blobs after this,
    /// and the local host sweeps its container the same way (hourly). Successful uploads are deleted at once. <value>Default: 7</value>
    /// </summary>
    public int FailedUploadRetentionDays { get; set; } = 7;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UploadUrlLifetime <= TimeSpan.Zero || UploadUrlLifetime > TimeSpan.FromDays(7))
            yield return new ValidationResult("Imports:UploadUrlLifetime must be more than 0 and at most 7 days.", [nameof(UploadUrlLifetime)]);
        if (FetchUrlLifetime <= TimeSpan.Zero || FetchUrlLifetime > TimeSpan.FromDays(7))
            yield return new ValidationResult("Imports:FetchUrlLifetime must be more than 0 and at most 7 days.", [nameof(FetchUrlLifetime)]);
        if (MaxUploadBytes <= 0) yield return new ValidationResult("Imports:MaxUploadBytes must be positive.", [nameof(MaxUploadBytes)]);
        if (BlockSizeBytes is <= 0 or > 4000L * 1024 * 1024)
            yield return new ValidationResult("Imports:BlockSizeBytes must be from 1 byte to 4000 MiB.", [nameof(BlockSizeBytes)]);
        if (FirstPollDelay <= TimeSpan.Zero || MaxPollDelay < FirstPollDelay)
            yield return new ValidationResult("Imports:FirstPollDelay must be positive and not above Imports:MaxPollDelay.", [nameof(FirstPollDelay), nameof(MaxPollDelay)]);
        if (PollBackoffFactor < 1) yield return new ValidationResult("Imports:PollBackoffFactor must be at least 1.", [nameof(PollBackoffFactor)]);
        if (Deadline <= TimeSpan.Zero) yield return new ValidationResult("Imports:Deadline must be positive.", [nameof(Deadline)]);
        if (PollsPerGeneration < 1) yield return new ValidationResult("Imports:PollsPerGeneration must be at least 1.", [nameof(PollsPerGeneration)]);
        if (ActivityMaxAttempts < 1) yield return new ValidationResult("Imports:ActivityMaxAttempts must be at least 1.", [nameof(ActivityMaxAttempts)]);
        if (ActivityFirstRetryInterval <= TimeSpan.Zero || ActivityMaxRetryInterval < ActivityFirstRetryInterval)
        {
            // The Durable RetryPolicy rejects these, which would fail every orchestration on its first line.
            yield return new ValidationResult("Imports:ActivityFirstRetryInterval must be positive and not above Imports:ActivityMaxRetryInterval.",
                [nameof(ActivityFirstRetryInterval), nameof(ActivityMaxRetryInterval)]);
        }
        if (LostStartWait < TimeSpan.Zero) yield return new ValidationResult("Imports:LostStartWait must not be negative.", [nameof(LostStartWait)]);
        if (FailedUploadRetentionDays < 1) yield return new ValidationResult("Imports:FailedUploadRetentionDays must be at least 1.", [nameof(FailedUploadRetentionDays)]);
    }

    /// <summary>The part of these settings the tracking decisions need (carried in orchestration input).</summary>
    public ImportTrackingSettings ToTrackingSettings() =>
        new(FirstPollDelay, MaxPollDelay, PollBackoffFactor, PollsPerGeneration, ActivityMaxAttempts, ActivityFirstRetryInterval, ActivityMaxRetryInterval,
            ExpectPostbacks);
}
