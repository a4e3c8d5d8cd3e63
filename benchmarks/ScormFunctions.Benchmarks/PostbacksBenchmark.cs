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
/// entity read + conditional update) for other registrations of the same table, alternating in the same run.
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
        var total = counts.Sum() + 64;
        Console.WriteLine($"seeding {2 * total:N0} registrations ...");
        await SeedAsync(table, "h", total);
        await SeedAsync(table, "f", total);
        var hostNext = 0;
        var floorNext = 0;

        // Warm-up (JIT, connections, table and container creation) on both paths.
        await Bench.RunAsync(32, 16, _ => PostAsync(http, credentials, $"h{hostNext++:D6}"), TimeSpan.FromMinutes(1));
        await Bench.RunAsync(32, 16, _ => FloorAsync(table, archive, $"f{floorNext++:D6}"), TimeSpan.FromMinutes(1));
        hostNext = floorNext = 64;

        var ok = true;
        for (var c = 0; c < Concurrencies.Length; c++)
        {
            var concurrency = Concurrencies[c];
            var n = counts[c];
            var floorBase = floorNext;
            var hostBase = hostNext;
            floorNext += n;
            hostNext += n;
            var allocBefore = GC.GetTotalAllocatedBytes(true);
            var floor = await Bench.RunAsync(n, concurrency, i => FloorAsync(table, archive, $"f{floorBase + i:D6}"), TimeSpan.FromMinutes(5));
            var floorAlloc = (GC.GetTotalAllocatedBytes(true) - allocBefore) / n;
            allocBefore = GC.GetTotalAllocatedBytes(true);
            var ours = await Bench.RunAsync(n, concurrency, i => PostAsync(http, credentials, $"h{hostBase + i:D6}"), TimeSpan.FromMinutes(5));
            var oursAlloc = (GC.GetTotalAllocatedBytes(true) - allocBefore) / n;

            var floorRate = n / floor.Wall.TotalSeconds;
            var ourRate = n / ours.Wall.TotalSeconds;
            var ratio = ourRate / floorRate;
            var p50 = Bench.Median(ours.LatenciesMs);
            var p99 = Bench.Percentile(ours.LatenciesMs, 99);
            Console.WriteLine($"concurrency {concurrency,2}: {n} each");
            Bench.Line("  floor (direct storage)", $"{floorRate,7:F0}/s  p50 {Bench.Median(floor.LatenciesMs),6:F1} ms  p99 {Bench.Percentile(floor.LatenciesMs, 99),6:F1} ms  alloc {floorAlloc / 1024.0,6:F1} KiB/op");
            Bench.Line("  postbacks (HTTP)", $"{ourRate,7:F0}/s  p50 {p50,6:F1} ms  p99 {p99,6:F1} ms  alloc {oursAlloc / 1024.0,6:F1} KiB/op (client+server)");
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

    private static async Task SeedAsync(TableClient table, string prefix, int count)
    {
        var now = DateTimeOffset.UtcNow;
        await Bench.RunAsync(count, 16, i => table.AddEntityAsync(new RegistrationEntity
        {
            PartitionKey = $"{prefix}{i:D6}",
            CourseId = "bench-course",
            LearnerId = $"learner-{prefix}{i:D6}",
            State = RegistrationState.Active,
            CreatedAt = now,
            UpdatedAt = now,
        }), TimeSpan.FromMinutes(5));
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
    private static async Task FloorAsync(TableClient table, BlobContainerClient archive, string registrationId)
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
    }
}
