using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.Core.Configuration;

/// <summary>Where this app is reachable and where learners return to. Validated at start.</summary>
public sealed class AppOptions : IValidatableObject
{
    public const string SectionName = "App";

    /// <summary>
    /// Public base URL of this API (launch, exit and postback URLs are built from it). Required: there is no default,
    /// because a wrong one sends SCORM Cloud's postbacks and learners somewhere else.
    /// </summary>
    public Uri PublicBaseUrl { get; set; } = null!;

    /// <summary>Where the exit endpoint sends learners after a course. <value>Default: PublicBaseUrl + "/"</value></summary>
    public Uri? ReturnUrl { get; set; }

    /// <summary>Comma-separated single-page-app origins allowed by CORS.</summary>
    public string AllowedOrigins { get; set; } = "";

    public IReadOnlyList<string> AllowedOriginList =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><see cref="ReturnUrl"/>, or the root of <see cref="PublicBaseUrl"/> (as given while that is not valid yet).</summary>
    public Uri EffectiveReturnUrl => ReturnUrl ?? (PublicBaseUrl is { IsAbsoluteUri: true } ? new Uri(PublicBaseUrl, "/") : PublicBaseUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is null || PublicBaseUrl.OriginalString.Length == 0)
        {
            yield return new ValidationResult(
                "App:PublicBaseUrl is required: the public base URL of this API (e.g. https://<app>.azurewebsites.net), used in launch, exit and postback URLs.",
                [nameof(PublicBaseUrl)]);
        }
        else if (!AuthOptions.IsHttpUrl(PublicBaseUrl))
        {
            yield return new ValidationResult($"App:PublicBaseUrl must be an absolute http or https URL; got '{PublicBaseUrl}'.", [nameof(PublicBaseUrl)]);
        }
        if (ReturnUrl is { } returnUrl && !AuthOptions.IsHttpUrl(returnUrl))
        {
            yield return new ValidationResult($"App:ReturnUrl must be an absolute http or https URL; got '{returnUrl}'.", [nameof(ReturnUrl)]);
        }
    }
}
