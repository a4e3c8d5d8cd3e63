using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Testing;

namespace ScormFunctions.Benchmarks;

/// <summary>
/// <c>imports [--quick]</c>: 100 imports (20 with --quick) uploaded as a SPA does, then started together through the
/// local host (Durable Task engine on Azurite) with an emulator import job time of 5 s: wall time from the first start to
/// the last finish vs the 5 s floor, and SCORM Cloud API calls per import (counted at the emulator) with import
/// postbacks delivered and with every postback lost. Targets: all succeed; ≤ 3 calls per import with postbacks; wall ≤ 3× floor.
/// </summary>
internal static class ImportsBenchmark
{
    private static readonly TimeSpan JobTime = TimeSpan.FromSeconds(5);

    public static async Task<int> MainAsync(string[] args)
    {
        var count = Bench.IntArg(args, "--count", Bench.Quick(args) ? 20 : 100);
        var with = await RunAsync(count, postbacks: true);
        var without = await RunAsync(count, postbacks: false);
        var allOk = with.Succeeded == count && without.Succeeded == count;
        var callsOk = with.CallsPerImport <= 3;
        var wallOk = with.Wall.TotalSeconds <= 3 * JobTime.TotalSeconds;
        Bench.Line("imports", $"{count} started together, job time {JobTime.TotalSeconds:F0} s, {Environment.ProcessorCount} cores");
        Bench.Line("with import postbacks", $"{with.Succeeded}/{count} succeeded, wall {with.Wall.TotalSeconds:F1} s ({with.Wall / JobTime:F2}× floor), {with.CallsPerImport:F2} SCORM Cloud calls/import");
        Bench.Line("postbacks lost", $"{without.Succeeded}/{count} succeeded, wall {without.Wall.TotalSeconds:F1} s ({without.Wall / JobTime:F2}× floor), {without.CallsPerImport:F2} SCORM Cloud calls/import");
        Bench.Line("calls (postbacks)", with.ByOperation);
        Bench.Line("calls (lost)", without.ByOperation);
        Bench.Line("timeline (postbacks)", with.Timeline);
        Bench.Line("timeline (lost)", without.Timeline);
        Bench.Line("all succeed", Bench.Verdict(allOk));
        Bench.Line("calls/import (postbacks)", $"{with.CallsPerImport:F2} (target <= 3) {Bench.Verdict(callsOk)}");
        Bench.Line("wall/floor (postbacks)", $"{with.Wall / JobTime:F2} (target <= 3) {Bench.Verdict(wallOk)}");
        return Bench.Finish(allOk && callsOk && wallOk);
    }

    private static async Task<(int Succeeded, TimeSpan Wall, double CallsPerImport, string ByOperation, string Timeline)> RunAsync(int count, bool postbacks)
    {
        var calls = new CallCounter();
        await using var emulator = await EmulatorServer.StartAsync(
            s => s["Emulator:ImportDuration"] = JobTime.ToString(),
            b => b.Services.AddSingleton<IStartupFilter>(calls));
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Durable:TaskHubName"] = Bench.Prefix("imp") };
        // Lost postbacks: the job's postback URL points at a closed port (the emulator's Postbacks:DropRate covers
        // registration postbacks only), so only the fallback polls finish these imports.
        if (!postbacks) settings["App:PublicBaseUrl"] = "http://127.0.0.1:9";
        await using var host = await LocalHostServer.StartAsync(settings, emulator: emulator);
        using var admin = await host.ClientForAsync("bench-admin", "admin");
        using var storage = new HttpClient();
        var package = await File.ReadAllBytesAsync(RepoPaths.Package(BenchWorld.Package));
        var run = Guid.NewGuid().ToString("N")[..6];
        var courses = Enumerable.Range(0, count).Select(i => $"bench-import-{run}-{i}").ToArray();

        var uploads = new string[count];
        await Bench.RunAsync(count, 8, async i =>
        {
            using var response = await admin.PostAsync($"api/courses/{courses[i]}/uploads", null);
            var upload = await response.Content.ReadFromJsonAsync<JsonElement>();
            using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(package) };
            foreach (var header in upload.GetProperty("headers").EnumerateObject())
            {
                if (!put.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString())) put.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
            using var stored = await storage.SendAsync(put);
            if (stored.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"upload {i}: {(int)stored.StatusCode}");
            uploads[i] = upload.GetProperty("uploadId").GetString()!;
        }, TimeSpan.FromMinutes(5));

        var before = calls.Count;
        var started = DateTimeOffset.UtcNow;
        var importIds = new string[count];
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await admin.PostAsJsonAsync($"api/courses/{courses[i]}/imports", new { uploadId = uploads[i] });
            if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"start {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            importIds[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("importId").GetString()!;
        }));
        var accepted = DateTimeOffset.UtcNow - started;

        var finished = new Dictionary<int, (string Status, DateTimeOffset At)>();
        var deadline = started + TimeSpan.FromMinutes(5);
        while (finished.Count < count && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(500);
            foreach (var i in Enumerable.Range(0, count).Where(i => !finished.ContainsKey(i)))
            {
                var import = await admin.GetFromJsonAsync<JsonElement>($"api/courses/{courses[i]}/imports/{importIds[i]}");
                var status = import.GetProperty("status").GetString()!;
                if (status != "running") finished[i] = (status, import.GetProperty("finishedAt").GetDateTimeOffset());
            }
        }
        var used = calls.Count - before;
        var byOperation = calls.ByOperation(skip: (int)before, per: count);
        var succeeded = finished.Values.Count(f => f.Status == "succeeded");
        var wall = finished.Count == 0 ? TimeSpan.MaxValue : finished.Values.Max(f => f.At) - started;
        var took = finished.Values.Select(f => (f.At - started).TotalSeconds).ToArray();
        var timeline = $"all starts answered at {accepted.TotalSeconds:F1} s; finished p50 {Bench.Median(took):F1} s, p90 {Bench.Percentile(took, 90):F1} s, last {wall.TotalSeconds:F1} s";
        return (succeeded, wall, (double)used / count, byOperation, timeline);
    }
}
