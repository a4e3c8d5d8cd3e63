using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ScormFunctions.Core.Health;

/// <summary>
/// GET /api/health — anonymous readiness: runs the checks tagged <see cref="ReadinessChecks.Tag"/> through the
/// platform's <see cref="HealthCheckService"/>; 200 when every one is healthy, else 503 naming what is down.
/// Both hosts call it, so the body is the same everywhere.
/// </summary>
public sealed class HealthHandler(HealthCheckService health)
{
    /// <summary>
    /// GET /api/health/live — anonymous; 200 whenever the process answers, checking nothing: a liveness probe must not
    /// restart an instance because storage or SCORM Cloud is down (that is what GET /api/health, readiness, reports).
    /// </summary>
    public static IResult Live() => Results.Ok(new { status = "alive" });

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        _ = request;
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(ReadinessChecks.Tag), cancellationToken);
        var checks = report.Entries.ToDictionary(e => e.Key, e => new HealthCheckStatus(
            e.Value.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
            e.Value.Status == HealthStatus.Healthy ? null : Detail(e.Value)));
        var down = checks.Where(c => c.Value.Detail is not null).Select(c => c.Key).ToList();
        var body = new HealthResponse(down.Count == 0 ? "healthy" : "unhealthy", down, checks);
        return Results.Json(body, statusCode: down.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Our checks describe what is wrong without secrets; an exception's own message is not shown to anonymous callers.</summary>
    private static string Detail(HealthReportEntry entry) => entry.Exception switch
    {
        OperationCanceledException => $"No answer within {ReadinessChecks.Timeout.TotalSeconds:0} s.",
        { } unexpected => $"The check failed ({unexpected.GetType().Name}).",
        null => entry.Description ?? "Unhealthy.",
    };
}

public sealed record HealthCheckStatus(string Status, string? Detail);

public sealed record HealthResponse(string Status, IReadOnlyList<string> Down, IReadOnlyDictionary<string, HealthCheckStatus> Checks);
