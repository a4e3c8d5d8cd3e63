using System.Net;
using System.Net.Http.Json;
using ScormCloud.Client.Models;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// <c>launch [--quick]</c>: POST /api/registrations/{id}/launch → GET our signed URL → 302 to SCORM Cloud's link, over
/// HTTP, against the floor: the direct launch-link call to the emulator, alternating one by one in the same run.
/// Target: our overhead (p50 of ours − p50 of the floor) ≤ 20 ms.
/// </summary>
internal static class LaunchBenchmark
{
    public static async Task<int> MainAsync(string[] args)
    {
        var count = Bench.IntArg(args, "--count", Bench.Quick(args) ? 60 : 300);
        // The signed GET is an anonymous route, rate limited per client IP (60/min by default): lift it for the bench.
        await using var world = await BenchWorld.StartAsync(new Dictionary<string, string?> { ["RateLimiting:AnonymousPermitLimit"] = "100000" });
        const string course = "bench-launch";
        await world.ImportCourseAsync(course);
        Console.WriteLine($"assigning {count + 10} registrations ...");
        await Bench.RunAsync(count + 10, 8, i => world.AssignAsync(course, $"launch-{i}", $"learner-{i}"), TimeSpan.FromMinutes(5));
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var cloud = world.Cloud;
        var exit = new Uri(world.Host.BaseUrl, "api/exit").AbsoluteUri;

        var floor = new List<double>();
        var ours = new List<double>();
        var posts = new List<double>();
        for (var i = 0; i < count + 10; i++)
        {
            var id = $"launch-{i}";
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await cloud.BuildLaunchLinkAsync(id, new LaunchLinkRequest { RedirectOnExitUrl = exit, ExpirySeconds = 60 });
            var direct = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var post = await world.Admin.PostAsync($"api/registrations/{id}/launch", null);
            var launch = await post.Content.ReadFromJsonAsync<LaunchBody>() ?? throw new InvalidOperationException("no launch body");
            var posted = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            using var redirect = await browser.GetAsync(launch.LaunchUrl);
            if (redirect.StatusCode != HttpStatusCode.Redirect || redirect.Headers.Location is null)
            {
                throw new InvalidOperationException($"launch {id}: {(int)redirect.StatusCode}");
            }
            var total = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i < 10) continue; // warm-up
            floor.Add(direct);
            ours.Add(total);
            posts.Add(posted);
        }
        var overhead = Bench.Median(ours) - Bench.Median(floor);
        var ok = overhead <= 20;
        Bench.Line("launches", $"{count}, {Environment.ProcessorCount} cores");
        Bench.Line("floor (direct launch link)", $"p50 {Bench.Median(floor):F1} ms, p99 {Bench.Percentile(floor, 99):F1} ms");
        Bench.Line("POST launch + GET → 302", $"p50 {Bench.Median(ours):F1} ms, p99 {Bench.Percentile(ours, 99):F1} ms");
        Bench.Line("  of which POST launch", $"p50 {Bench.Median(posts):F1} ms");
        Bench.Line("ratio floor/ours (p50)", $"{Bench.Median(floor) / Bench.Median(ours):F2}");
        Bench.Line("overhead at p50", $"{overhead:F1} ms (target <= 20 ms) {Bench.Verdict(ok)}");
        return Bench.Finish(ok);
    }

    private sealed record LaunchBody(Uri LaunchUrl);
}
