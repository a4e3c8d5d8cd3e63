using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ScormCloud.Emulator.Registrations;
using ScormCloud.Emulator.Store;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// <c>reconcile [--quick]</c>: 10,000 registrations (1,000 with --quick) changed in the emulator since the watermark; one
/// <see cref="RegistrationReconciler.RunAsync"/> in the local host. SCORM Cloud list calls (counted at the emulator) must
/// equal the pages needed (⌈N / page size⌉), none more; apply throughput is compared with the postback path (HTTP,
/// concurrency 16) measured in the same run. Targets: calls = pages; throughput ratio ≥ 0.8.
/// </summary>
internal static class ReconcileBenchmark
{
    private const int PageSize = 100;

    public static async Task<int> MainAsync(string[] args)
    {
        var count = Bench.IntArg(args, "--count", Bench.Quick(args) ? 1000 : 10_000);
        var postbackCount = Math.Min(count / 4, 2000);
        var calls = new CallCounter();
        await using var world = await BenchWorld.StartAsync(
            new Dictionary<string, string?>
            {
                ["Registrations:ReconcileInterval"] = "1.00:00:00", // no background sweep during the run
                ["Registrations:ReconcileMaxCalls"] = "100000",
            },
            e => e["Emulator:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            calls);
        const string course = "bench-reconcile";
        await world.ImportCourseAsync(course);
        var tables = world.Host.Services.GetRequiredService<TableProvider>();
        var table = await tables.GetTableAsync(TableNames.Registrations);
        var store = world.Emulator.Services.GetRequiredService<EmulatorStore>();
        Console.WriteLine($"seeding {count + postbackCount:N0} registrations ...");
        await SeedAsync(table, store, course, "r", count);
        await SeedAsync(table, store, course, "p", postbackCount);
        var reconciler = world.Host.Services.GetRequiredService<RegistrationReconciler>();
        var credentials = world.Host.Services.GetRequiredService<PostbackCredentials>();
        using var http = new HttpClient { BaseAddress = world.Host.BaseUrl };

        // The postback path: the same apply, reached through HTTP (warm-up first).
        await Bench.RunAsync(32, 16, i => PostbacksBenchmark.PostAsync(http, credentials, $"p{i:D6}"), TimeSpan.FromMinutes(1));
        var postbacks = await Bench.RunAsync(postbackCount - 32, 16, i => PostbacksBenchmark.PostAsync(http, credentials, $"p{i + 32:D6}"), TimeSpan.FromMinutes(5));
        var postbackRate = (postbackCount - 32) / postbacks.Wall.TotalSeconds;

        // Every seeded registration changes in SCORM Cloud now.
        var now = DateTimeOffset.UtcNow;
        var k = 0;
        foreach (var r in store.Registrations.Values.Where(r => r.Id.StartsWith('r')))
        {
            var current = r.Current;
            current.Progress.Completion = "COMPLETED";
            current.Progress.Success = "PASSED";
            current.Progress.Score = 90;
            current.Updated = now.AddMilliseconds(k++);
        }
        var before = calls.Count;
        var watch = Stopwatch.StartNew();
        var result = await reconciler.RunAsync(CancellationToken.None);
        var elapsed = watch.Elapsed;
        var listCalls = calls.Count - before;
        if (args.Contains("--verbose")) foreach (var call in calls.Calls.Skip((int)before)) Console.WriteLine(call);
        var pages = (count + PageSize - 1) / PageSize;
        var applyRate = result.Applied / elapsed.TotalSeconds;
        var ratio = applyRate / postbackRate;
        var callsOk = listCalls == pages && result.Applied == count;
        var rateOk = ratio >= 0.8;
        Bench.Line("registrations changed", $"{count:N0}, page size {PageSize}, {Environment.ProcessorCount} cores");
        Bench.Line("reconcile", $"{result.Applied:N0} applied in {elapsed.TotalSeconds:F1} s ({applyRate:F0}/s), complete {result.Complete}");
        Bench.Line("SCORM Cloud calls", $"{listCalls} (pages needed {pages}) {Bench.Verdict(callsOk)}");
        Bench.Line("postback path (HTTP, c=16)", $"{postbackRate:F0}/s");
        Bench.Line("ratio reconcile/postbacks", $"{ratio:F2} (target >= 0.8) {Bench.Verdict(rateOk)}");
        return Bench.Finish(callsOk && rateOk);
    }

    private static async Task SeedAsync(TableClient table, EmulatorStore store, string course, string prefix, int count)
    {
        var created = DateTimeOffset.UtcNow.AddDays(-3); // before the first sweep's lookback (1 day): unchanged since the watermark
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}{i:D6}";
            store.Registrations[id] = new RegistrationRecord(id, store.NextSequence(), course, 1, new Learner($"learner-{id}", "Ada", "Lovelace", null), created);
        }
        await Bench.RunAsync(count, 32, i => table.AddEntityAsync(new RegistrationEntity
        {
            PartitionKey = $"{prefix}{i:D6}",
            CourseId = course,
            LearnerId = $"learner-{prefix}{i:D6}",
            State = RegistrationState.Active,
            CreatedAt = created,
            UpdatedAt = created,
        }), TimeSpan.FromMinutes(10));
    }
}
