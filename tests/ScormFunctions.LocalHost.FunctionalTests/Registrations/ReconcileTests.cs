using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Testing;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>The reconciliation sweep delivers results when no postback ever arrives (issue 13).</summary>
public sealed class ReconcileTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(3);

    private static Task<RegistrationHarness> StartAsync() => RegistrationHarness.StartAsync(
        new Dictionary<string, string?>
        {
            ["Registrations:ReconcileInterval"] = s_interval.ToString(),
            ["Registrations:ReconcileOverlap"] = "00:00:01",
        },
        emulatorSettings: new Dictionary<string, string?>
        {
            ["Emulator:Postbacks:DropRate"] = "1",
            ["Emulator:Postbacks:MaxAttempts"] = "2",
        });

    [Fact]
    public async Task WithEveryPostbackDroppedAFinishedLearnersResultArrivesWithinTwoIntervals()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        using var learner = await h.LearnerAsync("learner-1");
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(learner, "reg-1"));

        // The learner finishes and closes the tab: nothing else happens on our side (no exit, no refresh).
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
        var finished = Stopwatch.StartNew();
        var r = await WaitForAsync(learner, "reg-1", IsCompleted, timeoutMs: (int)(2 * s_interval.TotalMilliseconds) + 10_000);
        finished.Stop();

        Assert.Equal("passed", r.GetProperty("reported").GetProperty("success").GetString());
        Assert.Equal(90, r.GetProperty("reported").GetProperty("totalSeconds").GetDouble());
        Assert.Empty(await h.ArchivedAsync("reg-1")); // no postback reached us: the sweep delivered it
        // Two intervals, with a generous margin for a loaded machine (the wait above fails long before anything hangs).
        Assert.True(finished.Elapsed < 2 * s_interval + TimeSpan.FromSeconds(10), $"took {finished.Elapsed}");

        var watermark = await WatermarkAsync(h);
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations/reg-1");
        Assert.Equal(DateTimeOffset.Parse(cloud.GetProperty("updated").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            watermark?.Watermark);
    }

    [Fact]
    public async Task ARunIsBoundedResumesFromItsWatermarkAndSkipsWhatItApplied()
    {
        await using var h = await RegistrationHarness.StartAsync(
            new Dictionary<string, string?> { ["Registrations:ReconcileInterval"] = "01:00:00", ["Registrations:ReconcileMaxCalls"] = "1" },
            emulatorSettings: new Dictionary<string, string?> { ["Emulator:Postbacks:DropRate"] = "1", ["Emulator:PageSize"] = "1" });
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        foreach (var id in new[] { "a", "b", "c" }) await AssignAsync(admin, "course-1", "learner-" + id, id);
        foreach (var id in new[] { "a", "b", "c" })
        {
            var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, id));
            await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
        }
        var reconciler = h.Server.Services.GetRequiredService<RegistrationReconciler>();

        var runs = new List<ReconcileResult>();
        for (var i = 0; i < 3; i++) runs.Add(await reconciler.RunAsync(Ct));

        // One call and one registration per run (page size 1, one call allowed), each run resuming where the last stopped.
        Assert.All(runs, run => Assert.Equal((1, 1), (run.Calls, run.Applied)));
        Assert.Equal([false, false, true], runs.Select(run => run.Complete));
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.True(IsCompleted(await GetJsonAsync(admin, $"api/registrations/{id}")), id);
        }
        // A run after everything is applied only meets what the overlap repeats: a duplicate, nothing applied.
        var again = await reconciler.RunAsync(Ct);
        Assert.Equal((0, 1), (again.Applied, again.Duplicate));
    }

    [Fact]
    public async Task BulkRefreshSinceSeesRegistrationsUpdatedAfterItEvenIfCreatedBefore()
    {
        await using var h = await RegistrationHarness.StartAsync(
            new Dictionary<string, string?> { ["Registrations:ReconcileInterval"] = "01:00:00" },
            emulatorSettings: new Dictionary<string, string?> { ["Emulator:Postbacks:DropRate"] = "1" });
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        await Task.Delay(50, Ct);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(50, Ct);
        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, "reg-1"));
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);

        using var refresh = await admin.PostAsync(
            $"api/courses/course-1/registrations/refresh?since={Uri.EscapeDataString(since.ToString("O"))}", null, Ct);
        var body = await JsonAsync(refresh);

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(1, body.GetProperty("updated").GetInt32());
        Assert.True(IsCompleted(await GetJsonAsync(admin, "api/registrations/reg-1")));
    }

    private static async Task<ReconcileWatermarkEntity?> WatermarkAsync(RegistrationHarness h)
    {
        var table = new TableClient(Azurite.ConnectionString, h.Server.TablePrefix + ReconcileWatermarkEntity.TableName);
        var found = await table.GetEntityIfExistsAsync<ReconcileWatermarkEntity>(ReconcileWatermarkEntity.Partition, ReconcileWatermarkEntity.Row,
            cancellationToken: Ct);
        return found.HasValue ? found.Value : null;
    }
}
