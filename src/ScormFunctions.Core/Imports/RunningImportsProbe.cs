using Microsoft.Extensions.Logging;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// Measures the imports still running from their records (<see cref="ScormTelemetry.OldestRunningImportAge"/>), so an
/// import whose tracking never started or died shows up as it ages. Run by the periodic sweep (a timer trigger in
/// Azure, so one instance per tick), never per metric collection: each run is one filtered query of the imports table.
/// </summary>
public sealed class RunningImportsProbe(ImportRepository imports, TimeProvider time, ILogger<RunningImportsProbe> logger)
{
    public async Task<RunningImports> MeasureAsync(CancellationToken cancellationToken)
    {
        using var span = ScormTelemetry.Source.StartActivity("imports.measure_running");
        var count = 0;
        DateTimeOffset? oldest = null;
        await foreach (var startedAt in imports.ListRunningStartsAsync(cancellationToken))
        {
            count++;
            if (oldest is null || startedAt < oldest) oldest = startedAt;
        }
        var age = oldest is { } started ? Math.Max(0, (time.GetUtcNow() - started).TotalSeconds) : 0;
        ScormTelemetry.OldestRunningImportAge.Record(age);
        span?.SetTag("scorm.imports.running", count);
        if (count > 0) logger.LogInformation("{Count} imports running; the oldest started {Oldest:u}", count, oldest);
        return new RunningImports(count, oldest);
    }
}

/// <summary>Imports whose record is running, and when the oldest of them started (null when none).</summary>
public sealed record RunningImports(int Count, DateTimeOffset? OldestStartedAt);
