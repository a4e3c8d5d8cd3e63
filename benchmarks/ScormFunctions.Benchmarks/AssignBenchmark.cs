using ScormCloud.Client.Models;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// <c>assign [--quick]</c>: 1,000 assignments (POST /api/registrations over HTTP; 200 with --quick) at concurrency 16,
/// against the floor: the same SCORM Cloud creates issued directly to the emulator, in the same run.
/// Target: throughput ratio ≥ 0.8.
/// </summary>
internal static class AssignBenchmark
{
    public static async Task<int> MainAsync(string[] args)
    {
        var count = Bench.IntArg(args, "--count", Bench.Quick(args) ? 200 : 1000);
        const int concurrency = 16;
        await using var world = await BenchWorld.StartAsync();
        const string course = "bench-assign";
        await world.ImportCourseAsync(course);
        var cloud = world.Cloud;
        Task Direct(string id) => cloud.CreateRegistrationAsync(new CreateRegistrationRequest(course, id,
            new Learner(id + "-learner") { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.org" }));

        // Warm-up both paths.
        await Bench.RunAsync(32, concurrency, i => Direct($"warm-direct-{i}"), TimeSpan.FromMinutes(1));
        await Bench.RunAsync(32, concurrency, i => world.AssignAsync(course, $"warm-ours-{i}", $"warm-learner-{i}"), TimeSpan.FromMinutes(1));

        // Halves alternate so a burst of load on a shared machine hits both.
        var floorTimes = new List<double>();
        var ourTimes = new List<double>();
        var ourLatencies = new List<double>();
        var half = count / 2;
        for (var round = 0; round < 2; round++)
        {
            var floor = await Bench.RunAsync(half, concurrency, i => Direct($"direct-{round}-{i}"), TimeSpan.FromMinutes(5));
            var ours = await Bench.RunAsync(half, concurrency, i => world.AssignAsync(course, $"ours-{round}-{i}", $"learner-{round}-{i}"), TimeSpan.FromMinutes(5));
            floorTimes.Add(floor.Wall.TotalSeconds);
            ourTimes.Add(ours.Wall.TotalSeconds);
            ourLatencies.AddRange(ours.LatenciesMs);
        }
        var floorRate = 2 * half / floorTimes.Sum();
        var ourRate = 2 * half / ourTimes.Sum();
        var ratio = ourRate / floorRate;
        var ok = ratio >= 0.8;
        Bench.Line("assignments", $"{2 * half:N0} each at concurrency {concurrency}, {Environment.ProcessorCount} cores");
        Bench.Line("floor (direct creates)", $"{floorRate:F0}/s");
        Bench.Line("assign (HTTP)", $"{ourRate:F0}/s, p50 {Bench.Median(ourLatencies):F1} ms, p99 {Bench.Percentile(ourLatencies, 99):F1} ms");
        Bench.Line("ratio assign/floor", $"{ratio:F2} (target >= 0.8) {Bench.Verdict(ok)}");

        // Where an assignment's time goes: the requests it makes, by destination (a separate, unmeasured batch).
        using (var profile = RequestProfile.Start((world.Emulator.BaseUrl.Port, "SCORM Cloud (emulator)"), (world.Host.BaseUrl.Port, "our API (this client)")))
        {
            const int profiled = 64;
            await Bench.RunAsync(profiled, concurrency, i => world.AssignAsync(course, $"profiled-{i}", $"profiled-learner-{i}"), TimeSpan.FromMinutes(2));
            foreach (var line in profile.Describe(profiled)) Bench.Line("per assignment", line);
        }
        return Bench.Finish(ok);
    }
}
