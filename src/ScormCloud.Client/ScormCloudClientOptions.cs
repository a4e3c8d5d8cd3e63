namespace ScormCloud.Client;

/// <summary>Settings for <see cref="ScormCloudClient"/>; bound from the <c>ScormCloud</c> configuration section.</summary>
public class ScormCloudClientOptions
{
    /// <summary>The default configuration section name, <c>ScormCloud</c>.</summary>
    public const string SectionName = "ScormCloud";

    /// <summary>The V2 API base URL. Default <c>https://cloud.scorm.com/api/v2/</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://cloud.scorm.com/api/v2/");

    /// <summary>The application id (the Basic auth user name). Required.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The application's secret key (the Basic auth password). Required; never logged.</summary>
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Timeout of one HTTP attempt (not used for uploads). Default 100 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Timeout of a call including its retries (not used for uploads). Default 5 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of a package upload, which is never retried. Default 6 hours.</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Retries after the first attempt for retryable calls; 0 disables retries. Default 4.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The base of the exponential backoff (with jitter); a <c>Retry-After</c> header wins. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
