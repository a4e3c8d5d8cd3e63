using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ScormCloud.Client;

namespace ScormFunctions.Core.Health;

/// <summary>
/// SCORM Cloud is healthy when an authenticated ping succeeds (so bad credentials show up here too). The result is reused
/// for <see cref="HealthOptions.ScormCloudCacheDuration"/>, and concurrent checks share one ping: anonymous health
/// requests cost SCORM Cloud at most one ping per window and host instance. Registered as a singleton so the cache
/// outlives a health request.
/// </summary>
public sealed class ScormCloudHealthCheck(ScormCloudClient scormCloud, IOptions<HealthOptions> options, TimeProvider time) : IHealthCheck, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string? Problem, DateTimeOffset At)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await ProblemAsync(cancellationToken) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy();

    public void Dispose() => gate.Dispose();

    private async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached) return cached.Problem;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again) return again.Problem;
            var problem = await PingAsync(cancellationToken);
            last = (problem, time.GetUtcNow());
            return problem;
        }
        finally
        {
            gate.Release();
        }
    }

    private (string? Problem, DateTimeOffset At)? Fresh() =>
        last is { } l && time.GetUtcNow() - l.At < options.Value.ScormCloudCacheDuration ? l : null;

    private async Task<string?> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await scormCloud.PingAsync(cancellationToken);
            return null;
        }
        catch (ScormCloudException ex)
        {
            return ex.Status == 401
                ? "SCORM Cloud rejected our credentials (401); check ScormCloud:AppId and ScormCloud:SecretKey."
                : $"SCORM Cloud answered {ex.Status}: {ex.ServiceMessage}";
        }
        catch (HttpRequestException ex)
        {
            return $"SCORM Cloud is unreachable ({ex.HttpRequestError}).";
        }
    }
}
