using System.Collections.Concurrent;
using System.Diagnostics;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// Every outgoing HTTP request of this process (HttpClient's <c>System.Net.Http</c> activities), counted and timed by
/// destination and method: Azurite's tables (10002), blobs (10000) and queues (10001), the emulator, the host. Shows where an
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
                if (!Enabled) return;
                var port = activity.GetTagItem("server.port") is int p ? p : -1;
                var method = activity.GetTagItem("http.request.method") as string ?? "?";
                var name = $"{(names.TryGetValue(port, out var known) ? known : $"port {port}")} {method}{Resource(port, activity)}";
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

    /// <summary>
    /// Azurite's table or container, without the run's random prefix (tables are "{prefix}Name", containers
    /// "{prefix}-name"): point operations on a big partition cost Azurite more than on a small one.
    /// </summary>
    private static string Resource(int port, Activity activity)
    {
        if (port is < 10000 or > 10002 || activity.GetTagItem("url.full") is not string url) return "";
        var segments = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return "";
        var name = segments[1].Split('(')[0];
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var upper = name.AsSpan().IndexOfAnyInRange('A', 'Z');
        return " " + (dash > 0 ? name[(dash + 1)..] : upper > 0 ? name[upper..] : name);
    }

    /// <summary>Counts only while enabled: two profiles can take turns on one process.</summary>
    public bool Enabled { get; set; } = true;

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
