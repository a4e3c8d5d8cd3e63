using Microsoft.Extensions.Options;

namespace ScormCloud.Client;

/// <summary>
/// Validates <see cref="ScormCloudClientOptions"/>; failure messages name the configuration keys
/// (for example <c>ScormCloud:AppId</c>).
/// </summary>
public sealed class ScormCloudClientOptionsValidator : IValidateOptions<ScormCloudClientOptions>
{
    private static readonly TimeSpan s_minTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromHours(24);
    private readonly string _prefix;

    /// <summary>Creates a validator whose messages use <paramref name="sectionPath"/> as the key prefix.</summary>
    /// <param name="sectionPath">The configuration section path, for example <c>ScormCloud</c>.</param>
    public ScormCloudClientOptionsValidator(string sectionPath = ScormCloudClientOptions.SectionName)
    {
        _prefix = string.IsNullOrEmpty(sectionPath) ? string.Empty : sectionPath + ":";
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ScormCloudClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.BaseUrl is null || !options.BaseUrl.IsAbsoluteUri
            || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{_prefix}BaseUrl must be an absolute http(s) URL, for example https://cloud.scorm.com/api/v2/.");
        }
        if (string.IsNullOrWhiteSpace(options.AppId)) failures.Add($"{_prefix}AppId is required.");
        if (string.IsNullOrWhiteSpace(options.SecretKey)) failures.Add($"{_prefix}SecretKey is required.");
        else if (options.AppId?.Contains(':', StringComparison.Ordinal) == true) failures.Add($"{_prefix}AppId must not contain ':'.");

        CheckTimeout(failures, nameof(options.AttemptTimeout), options.AttemptTimeout);
        CheckTimeout(failures, nameof(options.TotalTimeout), options.TotalTimeout);
        CheckTimeout(failures, nameof(options.UploadTimeout), options.UploadTimeout);

        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            failures.Add($"{_prefix}MaxRetryAttempts must be between 0 and 100.");
        }
        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{_prefix}RetryBaseDelay must be between 00:00:00 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckTimeout(List<string> failures, string key, TimeSpan value)
    {
        if (value < s_minTimeout || value > s_maxTimeout)
        {
            failures.Add($"{_prefix}{key} must be between 10 ms and 24 h (was {value}).");
        }
    }
}
