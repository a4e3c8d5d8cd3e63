using System.Collections.Concurrent;
using System.Diagnostics;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// Every outgoing HTTP request of this process (HttpClient's <c>System.Net.Http</c> activities), counted and timed by
/// destination: Azurite's tables (10002), blobs (10000) and queues (10001), the emulator, the host. Shows where an
/// operation's time goes: how many storage round trips it makes and how long each takes.
/// </summary>
internal sealed class RequestProfile : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentDictionary<string, Totals> byTarget = new(StringComparer.Ordinal);

    public RequestProfile(IReadOnlyDictionary<int, string> names)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var port = activity.GetTagItem("server.port") is int p ? p : -1;
                var name = names.TryGetValue(port, out var known) ? known : $"port {port}";
                var totals = byTarget.GetOrAdd(name, _ => new Totals());
                Interlocked.Increment(ref totals.Count);
                Interlocked.Add(ref totals.Ticks, activity.Duration.Ticks);
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Names for Azurite's well-known ports, plus any given.</summary>
    public static RequestProfile Start(params (int Port, string Name)[] more)
    {
        var names = new Dictionary<int, string> { [10000] = "blob storage", [10001] = "queue storage", [10002] = "table storage" };
        foreach (var (port, name) in more) names[port] = name;
        return new RequestProfile(names);
    }

    public void Reset() => byTarget.Clear();

    /// <summary>One line per destination: requests in all and per operation, and the mean time per request.</summary>
    public IEnumerable<string> Describe(int operations) =>
        byTarget.OrderByDescending(t => t.Value.Count).Select(t =>
            $"{t.Key}: {t.Value.Count:N0} requests ({(double)t.Value.Count / operations:0.####} each), " +
            $"{TimeSpan.FromTicks(t.Value.Ticks / Math.Max(1, t.Value.Count)).TotalMilliseconds:F1} ms mean");

    public void Dispose() => listener.Dispose();

    private sealed class Totals
    {
        public long Count;
        public long Ticks;
    }
}
