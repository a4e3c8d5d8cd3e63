using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormFunctions.LocalHost.FunctionalTests.Imports;

/// <summary>Tracking to the end: host restart mid-import, SCORM Cloud faults, the job's postback, oversized uploads.</summary>
public sealed class ImportResilienceTests
{
    private const string Golf12 = "scorm12_golf_runtime_basic_calls_single_sco.zip";

    [Theory]
    [InlineData("relay")]
    [InlineData("fetch")]
    public async Task Restart_mid_import_finishes_on_the_new_host(string mode)
    {
        await using var h = await ImportHarness.StartAsync(e => e["Emulator:ImportDuration"] = "00:00:04");
        var courseId = ImportHarness.NewCourseId("restart");
        var (start, importId) = await h.UploadAndStartAsync(courseId, Golf12, mode);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        JsonElement running;
        do
        {
            await Task.Delay(100, ImportHarness.Ct);
            running = await h.GetImportAsync(courseId, importId);
        }
        while (running.GetProperty("jobId").ValueKind == JsonValueKind.Null);

        await h.RestartAsync();
        var stillRunning = await h.GetImportAsync(courseId, importId);
        var import = await h.WaitForImportAsync(courseId, importId);

        Assert.Equal("running", stillRunning.GetProperty("status").GetString());
        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        Assert.Equal(running.GetProperty("jobId").GetString(), import.GetProperty("jobId").GetString());
        Assert.Equal("Golf Explained - Run-time Basic Calls", import.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Host_process_killed_mid_import_the_restarted_host_finishes_it_with_one_job()
    {
        await using var emulator = await EmulatorServer.StartAsync(e => e["Emulator:ImportDuration"] = "00:00:04");
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];
        var port = ImportHarness.FreePort();
        var settings = LocalHostProcess.Settings(emulator, port, prefix);
        var courseId = ImportHarness.NewCourseId("kill9");
        string importId;
        string? jobId;
        await using (var first = await LocalHostProcess.StartAsync(port, settings))
        {
            using var admin = await first.ClientForAsync("ada", "admin");
            var upload = await (await admin.PostAsync($"api/courses/{courseId}/uploads", null, ImportHarness.Ct)).Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);
            await ImportHarness.PutAsync(upload, RepoPaths.Package(Golf12));
            importId = upload.GetProperty("uploadId").GetString()!;
            var start = await admin.PostAsJsonAsync($"api/courses/{courseId}/imports", new { uploadId = importId, mode = "relay" }, ImportHarness.Ct);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            JsonElement running;
            do
            {
                await Task.Delay(100, ImportHarness.Ct);
                running = await admin.GetFromJsonAsync<JsonElement>($"api/courses/{courseId}/imports/{importId}", ImportHarness.Ct);
            }
            while (running.GetProperty("jobId").ValueKind == JsonValueKind.Null);
            jobId = running.GetProperty("jobId").GetString();

            await first.KillAsync();
        }

        await using var second = await LocalHostProcess.StartAsync(port, settings);
        using var admin2 = await second.ClientForAsync("ada", "admin");
        JsonElement import;
        var until = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(200, ImportHarness.Ct);
            import = await admin2.GetFromJsonAsync<JsonElement>($"api/courses/{courseId}/imports/{importId}", ImportHarness.Ct);
        }
        while (import.GetProperty("status").GetString() == "running" && DateTime.UtcNow < until);

        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        Assert.Equal(jobId, import.GetProperty("jobId").GetString());
        var store = emulator.Services.GetRequiredService<ScormCloud.Emulator.Store.EmulatorStore>();
        Assert.Single(store.Courses[courseId].Versions);
    }

    [Theory]
    [InlineData("relay")]
    [InlineData("fetch")]
    public async Task Scorm_cloud_faults_delay_but_never_lose_an_import(string mode)
    {
        await using var h = await ImportHarness.StartAsync(e =>
        {
            e["Emulator:ImportDuration"] = "00:00:01";
            e["Emulator:Faults:ErrorRate"] = "0.5";
            e["Emulator:Faults:TooManyRequestsRate"] = "0.2";
            e["Emulator:Faults:RetryAfterSeconds"] = "0";
        });
        var courses = Enumerable.Range(0, 4).Select(i => ImportHarness.NewCourseId($"faults{i}")).ToList();

        var started = new List<(string CourseId, string ImportId)>();
        foreach (var courseId in courses)
        {
            var (start, importId) = await h.UploadAndStartAsync(courseId, Golf12, mode);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            started.Add((courseId, importId));
        }
        var results = new List<JsonElement>();
        foreach (var (courseId, importId) in started) results.Add(await h.WaitForImportAsync(courseId, importId, TimeSpan.FromSeconds(120)));

        Assert.All(results, r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));
        var store = h.Emulator.Services.GetRequiredService<ScormCloud.Emulator.Store.EmulatorStore>();
        Assert.All(courses, c => Assert.Single(store.Courses[c].Versions));
    }

    [Fact]
    public async Task Import_postback_finishes_the_import_before_the_next_poll()
    {
        await using var h = await ImportHarness.StartAsync(
            e => e["Emulator:ImportDuration"] = "00:00:01",
            new Dictionary<string, string?> { ["Imports:FirstPollDelay"] = "00:01:00", ["Imports:MaxPollDelay"] = "00:01:00" },
            publicPort: true);
        var courseId = ImportHarness.NewCourseId("postback");

        var (start, importId) = await h.UploadAndStartAsync(courseId, Golf12, "fetch");
        var import = await h.WaitForImportAsync(courseId, importId, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        Assert.True(import.GetProperty("finishedAt").GetDateTimeOffset() - import.GetProperty("startedAt").GetDateTimeOffset() < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Oversized_upload_is_422_too_large()
    {
        await using var h = await ImportHarness.StartAsync(hostSettings: new Dictionary<string, string?> { ["Imports:MaxUploadBytes"] = "100000" });
        var courseId = ImportHarness.NewCourseId("large");

        var (start, importId) = await h.UploadAndStartAsync(courseId, Golf12, "relay");
        var problem = await start.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);
        var import = await h.GetImportAsync(courseId, importId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
        Assert.Equal("TooLarge", problem.GetProperty("code").GetString());
        Assert.Contains("100,000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", import.GetProperty("status").GetString());
        Assert.Equal(384_787, import.GetProperty("packageBytes").GetInt64());
    }

    [Fact]
    public async Task Import_still_running_at_the_deadline_ends_timed_out()
    {
        await using var h = await ImportHarness.StartAsync(
            e => e["Emulator:ImportDuration"] = "00:01:00",
            new Dictionary<string, string?> { ["Imports:Deadline"] = "00:00:02" });
        var courseId = ImportHarness.NewCourseId("deadline");

        var (_, importId) = await h.UploadAndStartAsync(courseId, Golf12, "relay");
        var import = await h.WaitForImportAsync(courseId, importId, TimeSpan.FromSeconds(20));
        var course = await h.GetCourseAsync(courseId);

        Assert.Equal("timedOut", import.GetProperty("status").GetString());
        Assert.Contains("deadline", import.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", course!.Value.GetProperty("status").GetString());
    }
}
