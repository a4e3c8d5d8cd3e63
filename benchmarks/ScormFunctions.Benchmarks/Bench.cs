using System.Diagnostics;
using System.Globalization;

namespace ScormFunctions.Benchmarks;

/// <summary>Small helpers shared by the bench commands: arguments, percentiles, bounded concurrent loops, verdicts.</summary>
internal static class Bench
{
    public static bool Quick(string[] args) => args.Contains("--quick");

    public static int IntArg(string[] args, string name, int fallback) =>
        StringArg(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A name for tables, containers and task hubs of this run: letters and digits only.</summary>
    public static string Prefix(string kind) => "b" + kind + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Runs <paramref name="count"/> operations with at most <paramref name="concurrency"/> in flight; per-operation latencies in ms.</summary>
    public static async Task<(TimeSpan Wall, double[] LatenciesMs)> RunAsync(
        int count, int concurrency, Func<int, Task> operation, TimeSpan timeout)
    {
        var latencies = new double[count];
        var next = -1;
        using var cts = new CancellationTokenSource(timeout);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                cts.Token.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (watch.Elapsed, latencies);
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    public static string Verdict(bool ok) => ok ? "PASS" : "FAIL";

    /// <summary>Prints the last line and returns the exit code: 0 PASS, 1 FAIL.</summary>
    public static int Finish(bool ok)
    {
        Console.WriteLine(Verdict(ok));
        return ok ? 0 : 1;
    }

    public static double Mib(long bytes) => bytes / 1024.0 / 1024;

    public static void Line(string label, string text) => Console.WriteLine($"{label,-28} {text}");
}
