using Microsoft.Extensions.Options;
using ScormCloud.Client;

namespace ScormFunctions.Core.Health;

/// <summary>
/// SCORM Cloud is healthy when an authenticated ping succeeds (so bad credentials show up here too). The result is reused
/// for <see cref="HealthOptions.ScormCloudCacheDuration"/>, and concurrent checks share one ping: anonymous health
/// requests cost SCORM Cloud at most one ping per window and host instance.
/// </summary>
public sealed class ScormCloudHealthProbe(ScormCloudClient scormCloud, IOptions<HealthOptions> options, TimeProvider time) : IHealthProbe, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string? Problem, DateTimeOffset At)? last;

    public string Name => "scormCloud";

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
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

    public void Dispose() => gate.Dispose();

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
