namespace ScormFunctions.Core.Configuration;

/// <summary>Where this app is reachable and where learners return to.</summary>
public sealed class AppOptions
{
    public const string SectionName = "App";

    /// <summary>Public base URL of this API (launch and postback URLs are built from it).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    /// <summary>Where the exit endpoint sends learners after a course. <value>Default: PublicBaseUrl + "/"</value></summary>
    public Uri? ReturnUrl { get; set; }

    /// <summary>Comma-separated single-page-app origins allowed by CORS.</summary>
    public string AllowedOrigins { get; set; } = "";

    public IReadOnlyList<string> AllowedOriginList =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Uri EffectiveReturnUrl => ReturnUrl ?? new Uri(PublicBaseUrl, "/");
}
