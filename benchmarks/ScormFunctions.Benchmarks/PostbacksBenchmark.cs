using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// <c>postbacks [--quick]</c>: authenticated V2 JSON postbacks (httpbasic) for distinct registrations through the local host
/// over HTTP at concurrency 1, 16 and 64, against the floor: the same storage work issued directly (archive blob write +
/// entity read + conditional update) for other registrations of the same table, taking turns in the same run (Azurite slows as its data grows).
/// Also, for information, that floor plus the course index copy the app keeps for the CSV report (a read and a conditional
/// replace in the course's index partition).
/// Targets: throughput ratio ≥ 0.8 at 64; p99 &lt; 5 × p50 (at 64).
/// </summary>
internal static class PostbacksBenchmark
{
    private static readonly int[] Concurrencies = [1, 16, 64];

    public static async Task<int> MainAsync(string[] args)
    {
        var quick = Bench.Quick(args);
        await using var host = await LocalHostServer.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var tables = host.Services.GetRequiredService<TableProvider>();
        var credentials = host.Services.GetRequiredService<PostbackCredentials>();
        var table = await tables.GetTableAsync(TableNames.Registrations);
        var archive = await host.Services.GetRequiredService<BlobContainerProvider>().GetContainerAsync(host.TablePrefix + "-postbacks");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseUrl };

        var counts = quick ? new[] { 60, 300, 640 } : [400, 2000, 4000];
        var rounds = quick ? 2 : 4;
        var total = counts.Sum() + 64;
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex);
        // Each path posts for registrations of its own, seeded alike into the same tables (and course index partition).
        PostbackPath[] paths =
        [
            new("floor (direct storage)", "f", id => FloorAsync(table, archive, id)),
            new("floor + course copy", "g", async id => await CopyAsync(index, await FloorAsync(table, archive, id))),
            new("postbacks (HTTP)", "h", id => PostAsync(http, credentials, id)),
        ];
        Console.WriteLine($"seeding {paths.Length * total:N0} registrations ...");
        foreach (var path in paths) await SeedAsync(table, index, path.Prefix, total);

        // Warm-up (JIT, connections, table and container creation) on every path.
        foreach (var path in paths) await Bench.RunAsync(32, 16, i => path.Operation($"{path.Prefix}{i:D6}"), TimeSpan.FromMinutes(1));

        var ok = true;
        var next = 64;
        for (var c = 0; c < Concurrencies.Length; c++)
        {
            var concurrency = Concurrencies[c];
            var n = counts[c];
            var results = await TakeTurnsAsync(paths, next, n, concurrency, rounds, host.BaseUrl.Port);
            next += n;
            Console.WriteLine($"concurrency {concurrency,2}: {n} each");
            foreach (var (path, result) in paths.Zip(results))
            {
                Bench.Line($"  {path.Name}", $"{n / result.Wall.TotalSeconds,7:F0}/s  p50 {Bench.Median(result.LatenciesMs),6:F1} ms  " +
                    $"p99 {Bench.Percentile(result.LatenciesMs, 99),6:F1} ms  alloc {result.AllocatedPerOp / 1024.0,6:F1} KiB/op");
                foreach (var line in result.Requests) Bench.Line("", line);
            }
            var (floor, withCopy, ours) = (results[0], results[1], results[2]);
            var ratio = floor.Wall / ours.Wall;
            var p50 = Bench.Median(ours.LatenciesMs);
            var p99 = Bench.Percentile(ours.LatenciesMs, 99);
            Bench.Line("  ratio vs floor + copy", $"{withCopy.Wall / ours.Wall:F2} (the course index copy is ours too: information only)");
            if (concurrency == 64)
            {
                var ratioOk = ratio >= 0.8;
                var tailOk = p99 < 5 * p50;
                Bench.Line("  ratio postbacks/floor", $"{ratio:F2} (target >= 0.8) {Bench.Verdict(ratioOk)}");
                Bench.Line("  p99/p50", $"{p99 / p50:F1} (target < 5) {Bench.Verdict(tailOk)}");
                ok = ratioOk && tailOk;
            }
            else
            {
                Bench.Line("  ratio postbacks/floor", $"{ratio:F2}");
            }
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores");
        return Bench.Finish(ok);
    }

    private sealed record PostbackPath(string Name, string Prefix, Func<string, Task> Operation);

    private sealed record PathResult(TimeSpan Wall, double[] LatenciesMs, long AllocatedPerOp, List<string> Requests);

    /// <summary>
    /// Runs the paths in turns, each on registrations [from, from + n) of its own, in <paramref name="rounds"/> rounds
    /// whose order rotates, so that Azurite slowing as its data grows during the run weighs on every path alike; walls
    /// and allocations are summed over the rounds, and each path's storage requests are counted while it runs.
    /// </summary>
    private static async Task<PathResult[]> TakeTurnsAsync(PostbackPath[] paths, int from, int n, int concurrency, int rounds, int hostPort)
    {
        var profiles = paths.Select(_ => RequestProfile.Start((hostPort, "our API (this client)"))).ToArray();
        try
        {
            var walls = new TimeSpan[paths.Length];
            var latencies = paths.Select(_ => new List<double>()).ToArray();
            var allocated = new long[paths.Length];
            for (var r = 0; r < rounds; r++)
            {
                var start = from + (n * r / rounds);
                var count = from + (n * (r + 1) / rounds) - start;
                for (var k = 0; k < paths.Length; k++)
                {
                    var p = (k + r) % paths.Length;
                    for (var q = 0; q < profiles.Length; q++) profiles[q].Enabled = q == p;
                    var before = GC.GetTotalAllocatedBytes(true);
                    var (wall, ms) = await Bench.RunAsync(count, concurrency, i => paths[p].Operation($"{paths[p].Prefix}{start + i:D6}"), TimeSpan.FromMinutes(5));
                    allocated[p] += GC.GetTotalAllocatedBytes(true) - before;
                    walls[p] += wall;
                    latencies[p].AddRange(ms);
                }
            }
            return paths.Select((_, p) => new PathResult(walls[p], latencies[p].ToArray(), allocated[p] / n, profiles[p].Describe(n).ToList())).ToArray();
        }
        finally
        {
            foreach (var profile in profiles) profile.Dispose();
        }
    }

    /// <summary>Records as an assignment leaves them, with their course index rows holding copies (each postback updates its copy).</summary>
    private static async Task SeedAsync(TableClient table, TableClient index, string prefix, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var record = (int i) => new RegistrationEntity
        {
            PartitionKey = $"{prefix}{i:D6}",
            CourseId = "bench-course",
            LearnerId = $"learner-{prefix}{i:D6}",
            State = RegistrationState.Active,
            CreatedAt = now,
            UpdatedAt = now,
            Revision = 1,
        };
        await Bench.RunAsync(count, 16, i => table.AddEntityAsync(record(i)), TimeSpan.FromMinutes(5));
        await Bench.RunAsync((count + 99) / 100, 8, b => index.SubmitTransactionAsync(
            Enumerable.Range(b * 100, Math.Min(100, count - (b * 100))).Select(i => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace, RegistrationIndexEntity.CourseCopyOf(record(i))))), TimeSpan.FromMinutes(5));
    }

    private static string Payload(string registrationId) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"id":"{{{registrationId}}}","instance":0,"updated":"{{{DateTimeOffset.UtcNow:O}}}","registrationCompletion":"COMPLETED","registrationCompletionAmount":1,"registrationSuccess":"PASSED","score":{"scaled":87.5},"totalSecondsTracked":321,"course":{"id":"bench-course","version":0},"learner":{"id":"learner-{{{registrationId}}}"}}""");

    internal static async Task PostAsync(HttpClient http, PostbackCredentials credentials, string registrationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/postbacks/registrations")
        {
            Content = new StringContent(Payload(registrationId), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registrationId}:{credentials.PasswordFor(registrationId)}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("applied", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"postback for {registrationId}: {(int)response.StatusCode} {body}");
        }
    }

    /// <summary>The least storage work a postback needs: archive the payload, read the record, replace it if unchanged.</summary>
    private static async Task<RegistrationEntity> FloorAsync(TableClient table, BlobContainerClient archive, string registrationId)
    {
        var payload = Payload(registrationId);
        var now = DateTimeOffset.UtcNow;
        await archive.GetBlobClient($"floor/{registrationId}/{now.Ticks}.json").UploadAsync(BinaryData.FromString(payload),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } });
        var entity = (await table.GetEntityAsync<RegistrationEntity>(registrationId, RegistrationEntity.Row)).Value;
        entity.Completion = "completed";
        entity.Success = "passed";
        entity.Score = 87.5;
        entity.TotalSecondsTracked = 321;
        entity.ReportedUpdatedAt = now;
        entity.UpdatedAt = now;
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
        return entity;
    }

    /// <summary>The course index copy as the app writes it after the record: read the row, replace it under its ETag.</summary>
    private static async Task CopyAsync(TableClient index, RegistrationEntity record)
    {
        var row = (await index.GetEntityAsync<RegistrationEntity>(RegistrationIndexEntity.CoursePartition(record.CourseId), record.PartitionKey)).Value;
        record.Revision = row.Revision + 1;
        await index.UpdateEntityAsync(RegistrationIndexEntity.CourseCopyOf(record, row.ETag), row.ETag, TableUpdateMode.Replace);
    }
}
