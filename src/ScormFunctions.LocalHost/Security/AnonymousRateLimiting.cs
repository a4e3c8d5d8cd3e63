using System.Collections.Frozen;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Http;

namespace ScormFunctions.LocalHost.Security;

/// <summary>
/// ASP.NET Core rate limiting of the anonymous endpoints (issue 12 item 9): a fixed window per client IP address
/// (<see cref="RateLimitingOptions"/>), shared by GET /api/health, the signed launch URL and the exit redirect; over the
/// limit → 429 problem with Retry-After. Authenticated endpoints and SCORM Cloud's postbacks are not limited here: SCORM
/// Cloud calls from a few addresses shared by all its traffic to us, so a per-address limit would refuse a cohort's
/// postbacks (100 imports finishing together got 429s and waited for their 30 s fallback poll); a registration postback
/// is checked against its credentials and an import postback against its URL signature (one HMAC) before any work.
/// </summary>
public static class AnonymousRateLimiting
{
    public static IServiceCollection AddAnonymousRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsAnonymous(context)) return RateLimitPartition.GetNoLimiter("authenticated");
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.AnonymousPermitLimit,
                    Window = limits.AnonymousWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var window = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.AnonymousWindow;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.TooManyRequests("Too many anonymous requests from this address; retry after the Retry-After delay.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    /// <summary>The anonymous endpoints we limit (health/live checks nothing and stays free for the platform's probes).</summary>
    private static readonly FrozenSet<ApiEndpoint> Limited =
        [ApiEndpoints.Health, ApiEndpoints.OpenLaunch, ApiEndpoints.ExitRegistration];

    /// <summary>
    /// Whether the request was routed to one of the limited anonymous endpoints: their <see cref="ApiEndpoint"/> (put on
    /// them by <c>MapApi</c>) after routing, so no path is written twice; a limit still costs no handler work.
    /// </summary>
    internal static bool IsAnonymous(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpoint>() is { } endpoint && Limited.Contains(endpoint);
}
