using System.Diagnostics;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// <c>csv [--quick] [--rows N]</c>: GET /api/courses/{id}/registrations.csv for a course with N registrations (100,000;
/// 3,000 with --quick) through the local host over HTTP, against the floor: a raw query of the same rows from the
/// registrations table (<c>CourseId eq …</c>: the records themselves, whatever our layout). Targets: time ratio floor/export
/// ≥ 0.8; memory growth ≤ 32 MiB; first byte before the floor query ends (streamed). The course's index rows are seeded
/// as the app writes them (bare, then a copy of the record after its write); the export reads those copies.
/// </summary>
internal static class CsvBenchmark
{
    private const long GrowthTarget = 32L * 1024 * 1024;

    public static async Task<int> MainAsync(string[] args)
    {
        var rows = Bench.IntArg(args, "--rows", Bench.Quick(args) ? 3000 : 100_000);
        // --tables P --keep: tables named P… that stay after the run; --seeded: the course is already in them
        // (benchmarks/azurite-clone-rows.py multiplies a small seed in Azurite's saved database, see the README).
        var tablesPrefix = Bench.StringArg(args, "--tables");
        var keep = args.Contains("--keep");
        var seeded = args.Contains("--seeded");
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        if (tablesPrefix is not null) settings["Storage:TablePrefix"] = tablesPrefix;
        string prefix;
        int exitCode;
        await using (var host = await LocalHostServer.StartAsync(settings))
        {
            prefix = host.TablePrefix;
            exitCode = await RunAsync(host, rows, seeded);
        }
        // The seeded rows would otherwise stay in the shared Azurite (and slow everything that uses it).
        if (!keep) await AzuriteCleanup.DeleteByPrefixAsync(tablesPrefix ?? prefix);
        return exitCode;
    }

    private static async Task<int> RunAsync(LocalHostServer host, int rows, bool seeded)
    {
        var tables = host.Services.GetRequiredService<TableProvider>();
        var table = await tables.GetTableAsync(TableNames.Registrations);
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex);
        const string course = "bench-csv-course";
        var watch = Stopwatch.StartNew();
        if (!seeded) await SeedAsync(table, index, course, rows);
        Console.WriteLine($"seeded {rows:N0} registrations in {watch.Elapsed.TotalSeconds:F0} s{(seeded ? " (before the run)" : "")}");
        using var admin = await host.ClientForAsync("bench-admin", "admin");
        admin.Timeout = TimeSpan.FromMinutes(10);

        // Warm-up: a small course of its own, both paths.
        await SeedAsync(table, index, "bench-csv-warmup", 200, upsert: seeded);
        await ExportAsync(admin, "bench-csv-warmup", 200);
        await FloorAsync(table, "bench-csv-warmup", 200);

        using var profile = RequestProfile.Start((host.BaseUrl.Port, "our API (this client)"));
        var (floor, floorWs, floorHeap) = await FloorWithMemoryAsync(table, course, rows);
        var floorRequests = profile.Describe(rows).ToList();
        profile.Reset();
        var export = await ExportAsync(admin, course, rows);
        var exportRequests = profile.Describe(rows).ToList();
        var ratio = floor.TotalSeconds / export.Elapsed.TotalSeconds;
        var ratioOk = ratio >= 0.8;
        var memoryOk = export.WorkingSetGrowth <= GrowthTarget && export.HeapGrowth <= GrowthTarget;
        var streamedOk = export.FirstByte < floor;
        Bench.Line("rows", $"{rows:N0}, {Environment.ProcessorCount} cores");
        Bench.Line("floor (raw query)", $"{floor.TotalSeconds:F2} s ({rows / floor.TotalSeconds:F0} rows/s)");
        Bench.Line("csv export (HTTP)", $"{export.Elapsed.TotalSeconds:F2} s ({rows / export.Elapsed.TotalSeconds:F0} rows/s), {Bench.Mib(export.Bytes):F1} MiB");
        Bench.Line("ratio floor/export", $"{ratio:F2} (target >= 0.8) {Bench.Verdict(ratioOk)}");
        Bench.Line("memory growth", $"working set {Bench.Mib(export.WorkingSetGrowth):F1} MiB, GC heap {Bench.Mib(export.HeapGrowth):F1} MiB (target <= 32 MiB) {Bench.Verdict(memoryOk)}");
        Bench.Line("  floor's own growth", $"working set {Bench.Mib(floorWs):F1} MiB, GC heap {Bench.Mib(floorHeap):F1} MiB");
        Bench.Line("first byte", $"{export.FirstByte.TotalMilliseconds:F0} ms (floor query ends at {floor.TotalMilliseconds:F0} ms) {Bench.Verdict(streamedOk)}");
        foreach (var line in floorRequests) Bench.Line("floor, per row", line);
        foreach (var line in exportRequests) Bench.Line("export, per row", line);
        return Bench.Finish(ratioOk && memoryOk && streamedOk);
    }

    private static async Task SeedAsync(TableClient table, TableClient index, string course, int rows, bool upsert = false)
    {
        var now = DateTimeOffset.UtcNow;
        var id = (int i) => $"{course}-{i:D6}";
        await Bench.RunAsync(rows, 32, i => upsert
            ? table.UpsertEntityAsync(Record(course, id(i), i, now), TableUpdateMode.Replace)
            : table.AddEntityAsync(Record(course, id(i), i, now)), TimeSpan.FromMinutes(60));
        // The index rows as the app leaves them after each record's write: the course's row holds a copy of the record.
        // (Azurite finds a row by scanning its partition, so seeding one big partition takes time quadratic in its size.)
        var batches = (rows + 99) / 100;
        await Bench.RunAsync(batches, 8, b => index.SubmitTransactionAsync(
            Enumerable.Range(b * 100, Math.Min(100, rows - (b * 100))).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                RegistrationIndexEntity.CourseCopyOf(Record(course, id(i), i, now))))), TimeSpan.FromMinutes(90));
    }

    private static RegistrationEntity Record(string course, string id, int i, DateTimeOffset now) => new()
    {
        PartitionKey = id,
        CourseId = course,
        LearnerId = $"learner-{i:D6}",
        LearnerFirstName = "Ada",
        LearnerLastName = "Lovelace",
        LearnerEmail = $"learner-{i:D6}@example.org",
        State = RegistrationState.Active,
        Completion = "completed",
        Success = "passed",
        Score = 87.5,
        TotalSecondsTracked = 321,
        FirstAccessDate = now,
        LastAccessDate = now,
        CompletedDate = now,
        ReportedUpdatedAt = now,
        CreatedAt = now,
        UpdatedAt = now,
        Revision = 1,
    };

    private static async Task<TimeSpan> FloorAsync(TableClient table, string course, int rows) =>
        (await FloorWithMemoryAsync(table, course, rows)).Elapsed;

    /// <summary>The floor query, with its own memory growth (the SDK buffers each 1,000-row page: the export's pages cost that too).</summary>
    private static async Task<(TimeSpan Elapsed, long WorkingSetGrowth, long HeapGrowth)> FloorWithMemoryAsync(TableClient table, string course, int rows)
    {
        using var sampler = MemorySampler.Start();
        var watch = Stopwatch.StartNew();
        var count = 0;
        await foreach (var _ in table.QueryAsync<RegistrationEntity>(TableClient.CreateQueryFilter($"CourseId eq {course}"), maxPerPage: 1000)) count++;
        var elapsed = watch.Elapsed;
        if (count != rows) throw new InvalidOperationException($"floor query found {count} rows, expected {rows}");
        var (ws, heap) = await sampler.StopAsync();
        return (elapsed, ws, heap);
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan FirstByte, long Bytes, long WorkingSetGrowth, long HeapGrowth)> ExportAsync(
        HttpClient admin, string course, int rows)
    {
        using var sampler = MemorySampler.Start();
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/courses/{course}/registrations.csv");
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var firstByte = TimeSpan.Zero;
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (bytes == 0) firstByte = watch.Elapsed;
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var elapsed = watch.Elapsed;
        if (lines != rows + 1) throw new InvalidOperationException($"csv had {lines} lines, expected {rows + 1}");
        var (ws, heap) = await sampler.StopAsync();
        return (elapsed, firstByte, bytes, ws, heap);
    }
}
