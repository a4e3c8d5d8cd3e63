using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormCloud.Emulator.Store;

namespace ScormFunctions.LocalHost.FunctionalTests.Imports;

/// <summary>
/// Scale-out on the engine: two local hosts as separate OS processes on one storage account and one task hub (as two
/// Functions instances are), imports started against each in turn, one host SIGKILLed midway. Which host did what is
/// read from each process's own console log (the import activities it ran) and from the hub's partition table (the
/// partitions, and so the orchestrations, it held).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutTests
{
    private const string Package = "synthetic_scorm12_minimal_autopass.zip";
    private const string WorkerA = "scaleout-a";
    private const string WorkerB = "scaleout-b";

    /// <summary>
    /// The issue's 200; 40 under <c>CI=true</c> (a 2-core CI box runs the whole suite around it); <c>SCALEOUT_IMPORTS</c>
    /// overrides either. Figures in README, Benchmarks.
    /// </summary>
    private static int ImportCount =>
        int.TryParse(Environment.GetEnvironmentVariable("SCALEOUT_IMPORTS"), out var count) && count >= 4 ? count
        : string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? 40 : 200;

    [Fact]
    public async Task Imports_spread_over_two_hosts_and_each_finishes_once_when_one_host_is_killed_midway()
    {
        var count = ImportCount;
        await using var emulator = await EmulatorServer.StartAsync(e => e["Emulator:ImportDuration"] = "00:00:03");
        var prefix = "s" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            await RunAsync(count, emulator, prefix);
        }
        finally
        {
            await CleanUpAsync(prefix);
        }
    }

    /// <summary>Never masks the test's own outcome.</summary>
    private static async Task CleanUpAsync(string prefix)
    {
        try
        {
            await AzuriteCleanup.DeleteByPrefixAsync(prefix);
            var localData = Path.Combine(Path.GetTempPath(), prefix);
            if (Directory.Exists(localData)) Directory.Delete(localData, recursive: true);
        }
        catch (Azure.RequestFailedException ex)
        {
            TestContext.Current.SendDiagnosticMessage($"cleanup of {prefix} incomplete: {ex.Message}");
        }
    }

    private static async Task RunAsync(int count, EmulatorServer emulator, string prefix)
    {
        var jobs = emulator.Services.GetRequiredService<EmulatorStore>().ImportJobs;
        var partitions = new TaskHubPartitions(prefix + "Hub");
        await using var a = await StartHostAsync(emulator, prefix, WorkerA);
        await using var b = await StartHostAsync(emulator, prefix, WorkerB);
        using var adminA = await a.ClientForAsync("ada", "admin");
        using var adminB = await b.ClientForAsync("ada", "admin");
        // A shared Azurite on a busy machine can take seconds per request; the test's own deadlines bound the run.
        adminA.Timeout = adminB.Timeout = TimeSpan.FromMinutes(5);
        HttpClient Via(int i) => i % 2 == 0 ? adminA : adminB;
        var failed = true;
        try
        {
            // The table partition manager spreads the hub's 4 partitions over the live workers.
            var spread = await Until(async () => await partitions.OwnersAsync() is { Count: 4 } o && o.Values.Distinct().Count() == 2, TimeSpan.FromSeconds(90));
            var ownersBefore = await partitions.OwnersAsync();
            Assert.True(spread, $"partitions not spread over both hosts: {Describe(ownersBefore)}");

            var courses = Enumerable.Range(0, count).Select(i => ImportHarness.NewCourseId($"scale{i}")).ToArray();
            var uploads = new string[count];
            await ForEachAsync(count, async i =>
            {
                using var response = await Via(i).PostAsync($"api/courses/{courses[i]}/uploads", null, ImportHarness.Ct);
                var upload = await response.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);
                await ImportHarness.PutAsync(upload, RepoPaths.Package(Package));
                uploads[i] = upload.GetProperty("uploadId").GetString()!;
            });

            // Starts go to A and B in turn while a monitor kills A midway: once half the imports have their SCORM Cloud
            // job, with the other half being started (on a loaded machine the starts are the slow part), polled or
            // recorded. From then on starts go to B, and a start A was answering when it died is sent to B again (as a
            // load balancer would; a repeated start of the same upload is safe).
            var clock = Stopwatch.StartNew();
            var startedAt = DateTimeOffset.UtcNow;
            var aDown = new TaskCompletionSource();
            var (startsOnA, startsOnB, failovers) = (0, 0, 0);
            var starting = ForEachAsync(count, async i =>
            {
                if (i % 2 == 0 && !aDown.Task.IsCompleted)
                {
                    try
                    {
                        await StartAsync(adminA, courses[i], uploads[i]);
                        Interlocked.Increment(ref startsOnA);
                        return;
                    }
                    catch (HttpRequestException) when (aDown.Task.IsCompleted)
                    {
                        Interlocked.Increment(ref failovers);
                    }
                }
                await StartAsync(adminB, courses[i], uploads[i]);
                Interlocked.Increment(ref startsOnB);
            });
            var midway = await Until(() => Task.FromResult(jobs.Count >= count / 2 || starting.IsFaulted), TimeSpan.FromSeconds(300 + (3 * count)));
            if (starting.IsFaulted) await starting;
            Assert.True(midway, $"only {jobs.Count} of {count} jobs started");
            var (jobsAtKill, acceptedAtKill, killedAt) = (jobs.Count, startsOnA + startsOnB, clock.Elapsed);
            var (aBefore, bBefore) = (HostLog.Count(a), HostLog.Count(b));
            var recordedAtKill = HostLog.RecordedImports(a).Union(HostLog.RecordedImports(b)).Count();
            aDown.SetResult();
            await a.KillAsync();
            await starting;

            // The survivor takes the dead host's partitions once their leases expire (Durable:LeaseInterval).
            var tookOver = await Until(async () => await partitions.OwnersAsync() is { Count: 4 } o && o.Values.All(w => w == WorkerB), TimeSpan.FromSeconds(90));
            var takeover = clock.Elapsed - killedAt;
            var ownersAfter = await partitions.OwnersAsync();
            // Finished = its outcome recorded. The hosts' logs say so without loading a busy Azurite with polls; the
            // API is asked every 10 s about the rest (a SIGKILL loses the log lines not yet flushed).
            var confirmed = new HashSet<string>(StringComparer.Ordinal);
            var checks = 0;
            var allRecorded = await Until(async () =>
            {
                confirmed.UnionWith(HostLog.RecordedImports(a).Concat(HostLog.RecordedImports(b)));
                var pending = Enumerable.Range(0, count).Where(i => !confirmed.Contains(uploads[i])).ToList();
                if (pending.Count > 0 && ++checks % 10 == 0)
                {
                    foreach (var i in pending)
                    {
                        var import = await adminB.GetFromJsonAsync<JsonElement>($"api/courses/{courses[i]}/imports/{uploads[i]}", ImportHarness.Ct);
                        if (import.GetProperty("status").GetString() != "running") confirmed.Add(uploads[i]);
                    }
                }
                return confirmed.IsSupersetOf(uploads);
            }, TimeSpan.FromSeconds(600 + (3 * count)));
            var imports = new JsonElement[count];
            await ForEachAsync(count, async i => imports[i] = await adminB.GetFromJsonAsync<JsonElement>($"api/courses/{courses[i]}/imports/{uploads[i]}", ImportHarness.Ct));
            var finished = imports.Where(i => i.GetProperty("status").GetString() != "running").ToList();
            var wall = finished.Count == 0 ? TimeSpan.Zero : finished.Max(i => i.GetProperty("finishedAt").GetDateTimeOffset()) - startedAt;
            var bAfter = HostLog.Count(b) - bBefore;
            var jobsPerImport = courses.Select(c => jobs.Values.Count(j => j.CourseId == c)).ToArray();

            var summary = $"{count} imports, 2 hosts, {Environment.ProcessorCount} cores: {finished.Count} finished, the last {wall.TotalSeconds:F1} s after the first start; " +
                $"{imports.Count(i => i.GetProperty("status").GetString() == "succeeded")} succeeded; " +
                $"SCORM Cloud jobs per import {jobsPerImport.Min()}..{jobsPerImport.Max()}; " +
                $"host A killed at {killedAt.TotalSeconds:F1} s with {acceptedAtKill} imports accepted, {jobsAtKill} jobs started and {recordedAtKill} recorded; " +
                $"starts accepted by A {startsOnA}, by B {startsOnB} ({failovers} sent to B after A died while answering); " +
                $"partitions {Describe(ownersBefore)} before, {Describe(ownersAfter)} {takeover.TotalSeconds:F1} s after the kill; " +
                $"activities before the kill: A {aBefore}, B {bBefore}; after: B {bAfter}";
            TestContext.Current.TestOutputHelper?.WriteLine(summary);

            Assert.True(allRecorded, summary);
            Assert.All(imports, i => Assert.Equal("succeeded", i.GetProperty("status").GetString()));
            Assert.All(jobsPerImport, n => Assert.Equal(1, n));
            Assert.True(tookOver, summary);
            // Spread: each host ran at least a tenth of the import activities before the kill (one shared work-item queue).
            var before = aBefore.Total + bBefore.Total;
            Assert.True(aBefore.Total >= before / 10 && bBefore.Total >= before / 10, summary);
            Assert.True(bAfter.Records > 0, summary);
            failed = false;
        }
        finally
        {
            if (failed)
            {
                // The hosts' own logs, for a failure the assertions alone do not explain.
                await File.WriteAllLinesAsync(Path.Combine(Path.GetTempPath(), prefix + "-a.log"), a.Output, CancellationToken.None);
                await File.WriteAllLinesAsync(Path.Combine(Path.GetTempPath(), prefix + "-b.log"), b.Output, CancellationToken.None);
            }
        }
    }

    private static async Task StartAsync(HttpClient host, string courseId, string uploadId)
    {
        using var start = await host.PostAsJsonAsync($"api/courses/{courseId}/imports", new { uploadId, mode = "relay" }, ImportHarness.Ct);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
    }

    private static Task<LocalHostProcess> StartHostAsync(EmulatorServer emulator, string prefix, string workerId)
    {
        var port = ImportHarness.FreePort();
        var settings = LocalHostProcess.Settings(emulator, port, prefix);
        settings["Durable:WorkerId"] = workerId;
        settings["Durable:PartitionCount"] = "4";
        // A dead host's partitions are taken over 20 s after its last renewal instead of 30 s; renewals every 5 s leave
        // room for Azurite answering slowly on a busy machine (shorter leases lapse and partitions move back and forth).
        settings["Durable:LeaseInterval"] = "00:00:20";
        settings["Durable:LeaseAcquireInterval"] = "00:00:05";
        settings["Durable:PartitionTableOperationTimeout"] = "00:00:10";
        // Functions' 5 minutes, not less: fetched control-queue messages wait in the host's buffer for a free episode
        // slot without being renewed, and on a loaded machine (the survivor alone, after a takeover that took minutes)
        // that took over a minute; they reappeared, were fetched again and every later delete or abandon of that
        // instance's messages failed with PopReceiptMismatch (a loop that left 6 of 200 imports unfinished after 20
        // minutes with 1 minute here). The dead host's fetched messages come back after this.
        settings["Durable:MessageVisibilityTimeout"] = "00:05:00";
        settings["Logging:Console:FormatterName"] = "json";
        settings["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ";
        settings["Logging:LogLevel:DurableTask.AzureStorage"] = Environment.GetEnvironmentVariable("SCALEOUT_DTFX_LOG") ?? "Warning";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:ScormFunctions"] = "Information";
        return LocalHostProcess.StartAsync(port, settings);
    }

    /// <summary>Runs <paramref name="action"/> for 0..count-1, four at a time.</summary>
    private static async Task ForEachAsync(int count, Func<int, Task> action) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ImportHarness.Ct },
            async (i, _) => await action(i));

    /// <summary>Checks once a second (gently: Azurite is shared) until true or the timeout.</summary>
    private static async Task<bool> Until(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= until) return false;
            await Task.Delay(1000, ImportHarness.Ct);
        }
        return true;
    }

    private static string Describe(IReadOnlyDictionary<string, string> owners) =>
        string.Join(" + ", owners.GroupBy(o => o.Value).Select(g => $"{g.Key} {g.Count()}"));
}

/// <summary>
/// The scale-out test runs alone: its hundreds of imports load the shared Azurite so much that import tests running
/// beside it miss their own (one-minute) waits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out";
}
