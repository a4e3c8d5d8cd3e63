using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Testing;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations.Retakes;

/// <summary>
/// A re-import with <c>mayCreateNewVersion</c> and <c>whenToRestartRegistration</c>: the setting lands on the course in
/// SCORM Cloud, and the next launch of a completed registration starts a new instance on the new version, which our
/// record and its history follow; an incomplete registration stays on its version, as the setting says.
/// </summary>
public sealed class NewVersionRestartTests
{
    private const string WhenComplete = "WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS";

    [Fact]
    public async Task ReimportSetsTheCourseSettingAndTheNextLaunchMovesACompletedRegistrationToTheNewVersion()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        using var learner = await h.LearnerAsync("learner-1");
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        await AssignAsync(admin, "course-1", "learner-1", "reg-incomplete");
        var firstSession = await h.OpenPlayerAsync(await LaunchUrlAsync(learner, "reg-1"));
        await CommitAsync(firstSession, Scorm12Commit);
        await CommitAsync(firstSession, Scorm12Terminate, terminate: true);
        var completed = await WaitForAsync(learner, "reg-1", r => r.GetProperty("reported").GetProperty("totalSeconds").GetDouble() == 90, 60000);
        Assert.Equal(0, completed.GetProperty("courseVersion").GetInt32());

        using (var invalid = await admin.PostAsJsonAsync("api/courses/course-1/imports",
            new { uploadId = new string('a', 32), mayCreateNewVersion = true, whenToRestartRegistration = "SOMETIMES" }, Ct))
        {
            var problem = await JsonAsync(invalid);
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty("whenToRestartRegistration", out _), problem.ToString());
        }
        var import = await ReimportAsync(admin, "course-1", WhenComplete);
        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        Assert.Equal(1, import.GetProperty("version").GetInt32());
        var settings = await GetJsonAsync(h.EmulatorApi, "courses/course-1/configuration");
        Assert.Contains(settings.GetProperty("settingItems").EnumerateArray(),
            s => s.GetProperty("id").GetString() == "WhenToRestartRegistration" && s.GetProperty("effectiveValue").GetString() == WhenComplete);

        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(learner, "reg-1"));
        await CommitAsync(commitUrl, Scorm12Commit);
        var moved = await WaitForAsync(learner, "reg-1", r => r.GetProperty("instance").GetInt32() == 1 && IsCompleted(r), 60000);
        var history = await GetJsonAsync(learner, "api/registrations/reg-1/instances");

        Assert.Equal(1, moved.GetProperty("courseVersion").GetInt32());
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([0, 1], items.Select(i => i.GetProperty("instance").GetInt32()));
        Assert.Equal([0, 1], items.Select(i => i.GetProperty("courseVersion").GetInt32()));
        Assert.Equal(90, items[0].GetProperty("totalSeconds").GetDouble());

        // Not complete at its launch: WHEN_EXISTING_REG_IS_COMPLETE_AND_… leaves it on version 0, in instance 0.
        var stayingSession = await h.OpenPlayerAsync(await LaunchUrlAsync(learner, "reg-incomplete"));
        await CommitAsync(stayingSession, Scorm12Commit);
        var stayed = await WaitForAsync(learner, "reg-incomplete", IsCompleted, 60000);
        Assert.Equal((0, 0), (stayed.GetProperty("instance").GetInt32(), stayed.GetProperty("courseVersion").GetInt32()));
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations/reg-incomplete/instances");
        Assert.Single(cloud.GetProperty("registrations").EnumerateArray());
    }

    private static async Task<JsonElement> ReimportAsync(HttpClient admin, string courseId, string whenToRestartRegistration)
    {
        using var uploadResponse = await admin.PostAsync($"api/courses/{courseId}/uploads", null, Ct);
        Assert.Equal(HttpStatusCode.Created, uploadResponse.StatusCode);
        var upload = await JsonAsync(uploadResponse);
        await using (var file = File.OpenRead(RepoPaths.Package(Package)))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString()) { Content = new StreamContent(file) };
            foreach (var header in upload.GetProperty("headers").EnumerateObject())
            {
                if (!put.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString())) put.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
            using var storage = new HttpClient();
            using var stored = await storage.SendAsync(put, Ct);
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }
        var uploadId = upload.GetProperty("uploadId").GetString();
        using var start = await admin.PostAsJsonAsync($"api/courses/{courseId}/imports",
            new { uploadId, mayCreateNewVersion = true, whenToRestartRegistration }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var started = Environment.TickCount64;
        while (true)
        {
            var import = await GetJsonAsync(admin, $"api/courses/{courseId}/imports/{uploadId}");
            if (import.GetProperty("status").GetString() != "running") return import;
            Assert.True(Environment.TickCount64 - started < 60000, $"import still running: {import}");
            await Task.Delay(100, Ct);
        }
    }
}
