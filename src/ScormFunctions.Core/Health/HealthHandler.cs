using Microsoft.AspNetCore.Http;

namespace ScormFunctions.Core.Health;

/// <summary>GET /api/health — anonymous; 200 when every dependency answers, else 503 naming what is down.</summary>
public sealed class HealthHandler(IEnumerable<IHealthProbe> probes)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// GET /api/health/live — anonymous; 200 whenever the process answers, checking nothing: a liveness probe must not
    /// restart an instance because storage or SCORM Cloud is down (that is what GET /api/health, readiness, reports).
    /// </summary>
    public static IResult Live() => Results.Ok(new { status = "alive" });

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        _ = request;
        var results = await Task.WhenAll(probes.Select(async probe =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            string? problem;
            try
            {
                problem = await probe.CheckAsync(timeout.Token).WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"No answer within {ProbeTimeout.TotalSeconds:0} s.";
            }
            return (probe.Name, Check: new HealthCheck(problem is null ? "healthy" : "unhealthy", problem));
        }));

        var checks = results.ToDictionary(r => r.Name, r => r.Check);
        var down = results.Where(r => r.Check.Detail is not null).Select(r => r.Name).ToList();
        var body = new HealthReport(down.Count == 0 ? "healthy" : "unhealthy", down, checks);
        return Results.Json(body, statusCode: down.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthCheck(string Status, string? Detail);

public sealed record HealthReport(string Status, IReadOnlyList<string> Down, IReadOnlyDictionary<string, HealthCheck> Checks);
