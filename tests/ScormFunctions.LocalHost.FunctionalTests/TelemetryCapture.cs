using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ScormFunctions.LocalHost.FunctionalTests;

/// <summary>
/// The host's own OpenTelemetry pipeline (LocalTelemetry) with in-memory exporters added: spans as they end, metrics
/// when <see cref="MetricsAsync"/> flushes. Sources are process-wide, so spans are picked by trace id; metrics are only
/// exact because the tests using this run alone (<see cref="TelemetryCollection"/>).
/// </summary>
public sealed class TelemetryCapture
{
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly List<MetricSnapshot> metrics = [];

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(new QueueCollection(spans)));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
    }

    public IReadOnlyList<Activity> Spans => [.. spans];

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. spans.Where(s => s.TraceId == traceId)];

    /// <summary>Collects now; returns the points of <paramref name="name"/> (cumulative), empty when none.</summary>
    public IReadOnlyList<MetricPoint> Points(IServiceProvider host, string name)
    {
        var provider = host.GetRequiredService<MeterProvider>();
        lock (metrics)
        {
            metrics.Clear();
            Assert.True(provider.ForceFlush(10_000), "metrics did not flush");
            var snapshot = metrics.LastOrDefault(m => m.Name == name);
            return snapshot is null ? [] : [.. snapshot.MetricPoints];
        }
    }

    public static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return tag.Value?.ToString();
        }
        return null;
    }

    /// <summary>The exporter wants an ICollection; a concurrent queue takes spans ending on any thread.</summary>
    private sealed class QueueCollection(ConcurrentQueue<Activity> queue) : ICollection<Activity>
    {
        public int Count => queue.Count;

        public bool IsReadOnly => false;

        public void Add(Activity item) => queue.Enqueue(item);

        public void Clear() => queue.Clear();

        public bool Contains(Activity item) => queue.Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => queue.CopyTo(array, arrayIndex);

        public bool Remove(Activity item) => throw new NotSupportedException();

        public IEnumerator<Activity> GetEnumerator() => queue.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>Tests that count measurements run alone: our meter is process-wide, and other tests import and post back too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
