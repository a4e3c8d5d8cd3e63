using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>
/// Course versions and the course setting WhenToRestartRegistration (SCORM Cloud V2 guide "Course Versioning and
/// Overwriting": set at the course level only, checked when the learner launches a registration, Never by default;
/// CourseApi GetCourseConfiguration / SetCourseConfiguration <c>GET|POST /courses/{id}/configuration</c>).
/// </summary>
public sealed class CourseVersionTests
{
    private const string Package = "synthetic_scorm12_minimal_autopass.zip";

    private static async Task<(EmulatorServer Server, HttpClient Client)> WithCourseAsync()
    {
        var server = await EmulatorServer.StartAsync();
        var client = server.CreateClient();
        await client.ImportAsync("course-1", Package);
        return (server, client);
    }

    private static Task<HttpResponseMessage> SetRestartAsync(HttpClient client, string? value, string courseId = "course-1") =>
        client.PostAsJsonAsync($"courses/{courseId}/configuration",
            new { settings = new[] { new { settingId = "WhenToRestartRegistration", value, @explicit = true } } }, Api.Ct);

    private static JsonElement Setting(JsonElement list, string id) =>
        list.GetProperty("settingItems").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    private static (int Instance, int Version) Current(JsonElement registration) =>
        (registration.GetProperty("instance").GetInt32(), registration.GetProperty("course").GetProperty("version").GetInt32());

    [Fact]
    public async Task Registrations_keep_the_version_they_were_created_on_and_never_move_by_default()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        using (await client.CreateRegistrationAsync("course-1", "before")) { }

        var job = await client.ImportAsync("course-1", Package, mayCreateNewVersion: true);
        using (await client.CreateRegistrationAsync("course-1", "after")) { }
        await Api.CommitAsync(await Api.LaunchAsync(server, await client.LaunchLinkAsync("before")), Api.Commit("scorm12-terminate.json"), terminate: true);
        await Api.LaunchAsync(server, await client.LaunchLinkAsync("before"));

        Assert.Equal(1, job.GetProperty("importResult").GetProperty("course").GetProperty("version").GetInt32());
        Assert.Equal(1, (await client.GetJsonAsync("courses/course-1")).GetProperty("version").GetInt32());
        Assert.Equal((0, 0), Current(await client.GetJsonAsync("registrations/before")));
        Assert.Equal((0, 1), Current(await client.GetJsonAsync("registrations/after")));
        var restart = Setting(await client.GetJsonAsync("courses/course-1/configuration"), "WhenToRestartRegistration");
        Assert.Equal(("NEVER", "default"), (restart.GetProperty("effectiveValue").GetString(), restart.GetProperty("effectiveValueSource").GetString()));
        Assert.False(restart.TryGetProperty("explicitValue", out _));
    }

    [Fact]
    public async Task The_course_setting_is_checked_stored_and_described()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;

        using var invalid = await SetRestartAsync(client, "SOMETIMES");
        using var missing = await SetRestartAsync(client, "NEVER", "no-such-course");
        using var set = await SetRestartAsync(client, "when_newer_package_version_exists");
        var plain = await client.GetJsonAsync("courses/course-1/configuration");
        var withMetadata = await client.GetJsonAsync("courses/course-1/configuration?includeMetadata=true");
        using var cleared = await SetRestartAsync(client, null);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var invalidBody = await invalid.JsonAsync();
        ModelShapes.Check(invalidBody, "MessageSchema");
        Assert.StartsWith("Invalid value [SOMETIMES] for setting [WhenToRestartRegistration]", invalidBody.GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.DoesNotContain("SettingItem.metadata", ModelShapes.Check(plain, "SettingListSchema"));
        var restart = Setting(plain, "WhenToRestartRegistration");
        Assert.Equal(("WHEN_NEWER_PACKAGE_VERSION_EXISTS", "WHEN_NEWER_PACKAGE_VERSION_EXISTS", "course"),
            (restart.GetProperty("effectiveValue").GetString(), restart.GetProperty("explicitValue").GetString(),
             restart.GetProperty("effectiveValueSource").GetString()));
        Assert.Contains("SettingValidValue.valueDescription", ModelShapes.Check(withMetadata, "SettingListSchema"));
        Assert.Contains("WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS",
            Setting(withMetadata, "WhenToRestartRegistration").GetProperty("metadata").GetProperty("validValues").EnumerateArray()
                .Select(v => v.GetProperty("value").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal("default", Setting(await client.GetJsonAsync("courses/course-1/configuration"), "WhenToRestartRegistration")
            .GetProperty("effectiveValueSource").GetString());
    }

    /// <param name="lessonStatus">The SCORM 1.2 status the learner reached on version 0 (passed = COMPLETED/PASSED,
    /// failed = INCOMPLETE/FAILED, incomplete = INCOMPLETE/UNKNOWN, null = never launched: UNKNOWN).</param>
    [Theory]
    [InlineData("NEVER", "passed", true, false)]
    [InlineData("WHEN_NEWER_PACKAGE_VERSION_EXISTS", null, true, true)]
    [InlineData("WHEN_NEWER_PACKAGE_VERSION_EXISTS", "passed", false, false)]
    [InlineData("WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS", "passed", true, true)]
    [InlineData("WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS", "incomplete", true, false)]
    [InlineData("WHEN_EXISTING_REG_IS_INCOMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS", "incomplete", true, true)]
    [InlineData("WHEN_EXISTING_REG_IS_INCOMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS", null, true, true)]
    [InlineData("WHEN_EXISTING_REG_IS_INCOMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS", "passed", true, false)]
    [InlineData("WHEN_EXISTING_REG_IS_SATISFIED_AND_NEWER_PACKAGE_VERSION_EXISTS", "passed", true, true)]
    [InlineData("WHEN_EXISTING_REG_IS_SATISFIED_AND_NEWER_PACKAGE_VERSION_EXISTS", "failed", true, false)]
    [InlineData("WHEN_EXISTING_REG_IS_COMPLETE", "passed", false, true)]
    [InlineData("WHEN_EXISTING_REG_IS_COMPLETE", "incomplete", true, false)]
    [InlineData("WHEN_EXISTING_REG_IS_SATISFIED", "passed", false, true)]
    [InlineData("WHEN_EXISTING_REG_IS_SATISFIED", "failed", false, false)]
    public async Task A_launch_restarts_the_registration_as_the_course_setting_says(
        string setting, string? lessonStatus, bool newVersion, bool restarts)
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        using (await client.CreateRegistrationAsync("course-1", "reg-1")) { }
        if (lessonStatus is not null)
        {
            var commit = Api.Commit("scorm12-terminate.json").Replace("\"lesson_status\":\"passed\"", $"\"lesson_status\":\"{lessonStatus}\"",
                StringComparison.Ordinal);
            await Api.CommitAsync(await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1")), commit, terminate: true);
        }
        var before = await client.GetJsonAsync("registrations/reg-1");
        if (newVersion) await client.ImportAsync("course-1", Package, mayCreateNewVersion: true);
        using (var set = await SetRestartAsync(client, setting)) Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);

        var session = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        await Api.CommitAsync(session, Api.Commit("scorm12-commit.json"));

        var latest = newVersion ? 1 : 0;
        var current = await client.GetJsonAsync("registrations/reg-1");
        var first = await client.GetJsonAsync("registrations/reg-1/instances/0");
        Assert.Equal(restarts ? (1, latest) : (0, 0), Current(current));
        Assert.Equal("PASSED", current.GetProperty("registrationSuccess").GetString());
        if (restarts)
        {
            Assert.Equal((0, 0), Current(first));
            Assert.Equal(before.GetProperty("registrationSuccess").GetString(), first.GetProperty("registrationSuccess").GetString());
            Assert.Equal(1, current.GetProperty("activityDetails").GetProperty("attempts").GetInt32());
        }
    }

    [Fact]
    public async Task A_preview_launch_never_restarts()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        using (await client.CreateRegistrationAsync("course-1", "reg-1")) { }
        await client.ImportAsync("course-1", Package, mayCreateNewVersion: true);
        using (await SetRestartAsync(client, "WHEN_NEWER_PACKAGE_VERSION_EXISTS")) { }

        await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1", new { redirectOnExitUrl = "", tracking = false }));
        var previewed = await client.GetJsonAsync("registrations/reg-1");
        await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));

        Assert.Equal((0, 0), Current(previewed));
        Assert.Equal((1, 1), Current(await client.GetJsonAsync("registrations/reg-1")));
    }
}
