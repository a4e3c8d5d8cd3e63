using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.LocalHost.Security;

/// <summary>
/// Settings under <c>RateLimiting:</c> — the local host's limit on anonymous endpoints (<c>GET /api/health</c>, the
/// signed launch URL, the exit redirect; not SCORM Cloud's postbacks), per client IP address and fixed window; more requests are
/// 429 problems with Retry-After. In Azure the Functions app has no such middleware: the same limit belongs in front of
/// it (Azure Front Door WAF rate-limit rules or API Management <c>rate-limit-by-key</c>; see the README's Security section).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Anonymous requests allowed per client IP address and window. <value>Default: 60</value></summary>
    [Range(1, 1_000_000)]
    public int AnonymousPermitLimit { get; set; } = 60;

    /// <summary>The window of <see cref="AnonymousPermitLimit"/>. <value>Default: 1 minute</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RateLimiting:AnonymousWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan AnonymousWindow { get; set; } = TimeSpan.FromMinutes(1);
}
