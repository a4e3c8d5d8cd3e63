using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>Commits as scorm-again 3.4.3 sends them (captured in a Node probe, see Commits/), posted without a browser.</summary>
public sealed class CommitRollupTests
{
    [Theory]
    [InlineData("synthetic_scorm12_minimal_autopass.zip", "scorm12")]
    [InlineData("synthetic_scorm2004_4th_minimal_autopass.zip", "scorm2004")]
    public async Task SyntheticPackagesRollUpToCompletedPassed85And90Seconds(string package, string commits)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("course-1", package);
        await client.CreateRegistrationAsync("course-1", "reg-1");
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));

        await Api.CommitAsync(commitUrl, Api.Commit($"{commits}-commit.json"));
        var afterCommit = await client.GetJsonAsync("registrations/reg-1");
        await Api.CommitAsync(commitUrl, Api.Commit($"{commits}-terminate.json"), terminate: true, contentType: "text/plain;charset=UTF-8");
        var r = await client.GetJsonAsync("registrations/reg-1?includeChildResults=true&includeRuntime=true");

        Assert.Equal("COMPLETED", r.GetProperty("registrationCompletion").GetString());
        Assert.Equal("PASSED", r.GetProperty("registrationSuccess").GetString());
        Assert.Equal(85, r.GetProperty("score").GetProperty("scaled").GetDouble());
        Assert.Equal(90, r.GetProperty("totalSecondsTracked").GetDouble());
        Assert.Equal(1, r.GetProperty("registrationCompletionAmount").GetDouble());
        Assert.True(r.TryGetProperty("firstAccessDate", out _));
        Assert.True(r.TryGetProperty("lastAccessDate", out _));
        Assert.True(r.TryGetProperty("completedDate", out _));
        Assert.True(string.CompareOrdinal(r.GetProperty("updated").GetString(), afterCommit.GetProperty("updated").GetString()) > 0);
        var sco = r.GetProperty("activityDetails").GetProperty("children")[0];
        Assert.Equal("COMPLETED", sco.GetProperty("activityCompletion").GetString());
        var runtime = sco.GetProperty("runtime");
        Assert.Equal("85", runtime.GetProperty("scoreRaw").GetString());
        Assert.Equal("page-3", runtime.GetProperty("location").GetString());
        Assert.Equal("PASSED", runtime.GetProperty("runtimeSuccessStatus").GetString());
        Assert.Equal("{\"visited\":[1,2,3]}", runtime.GetProperty("suspendData").GetString());
    }

    [Fact]
    public async Task RepeatedCommitsInOneSessionAreNotDoubleCountedButSessionsAdd()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm2004_4th_minimal_autopass.zip");
        await client.CreateRegistrationAsync("course-1", "reg-1");

        var first = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        await Api.CommitAsync(first, Api.Commit("scorm2004-commit.json"));
        await Api.CommitAsync(first, Api.Commit("scorm2004-commit.json"));
        await Api.CommitAsync(first, Api.Commit("scorm2004-terminate.json"), terminate: true);
        var afterOne = await client.GetJsonAsync("registrations/reg-1");
        var second = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        await Api.CommitAsync(second, Api.Commit("scorm2004-terminate.json"), terminate: true);
        var afterTwo = await client.GetJsonAsync("registrations/reg-1");

        Assert.Equal(90, afterOne.GetProperty("totalSecondsTracked").GetDouble());
        Assert.Equal(180, afterTwo.GetProperty("totalSecondsTracked").GetDouble());
    }

    [Fact]
    public async Task Scorm12FailedIsIncompleteAndFailed()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        await client.CreateRegistrationAsync("course-1", "reg-1");
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        var failed = Api.Commit("scorm12-commit.json")
            .Replace("\"lesson_status\":\"passed\"", "\"lesson_status\":\"failed\"", StringComparison.Ordinal)
            .Replace("\"raw\":\"85\"", "\"raw\":\"40\"", StringComparison.Ordinal);

        await Api.CommitAsync(commitUrl, failed);
        var r = await client.GetJsonAsync("registrations/reg-1");

        Assert.Equal("INCOMPLETE", r.GetProperty("registrationCompletion").GetString());
        Assert.Equal("FAILED", r.GetProperty("registrationSuccess").GetString());
        Assert.Equal(40, r.GetProperty("score").GetProperty("scaled").GetDouble());
    }

    [Fact]
    public async Task SuspendedSessionResumesWithSavedState()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        await client.CreateRegistrationAsync("course-1", "reg-1");
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        var suspended = Api.Commit("scorm12-terminate.json")
            .Replace("\"lesson_status\":\"passed\"", "\"lesson_status\":\"incomplete\"", StringComparison.Ordinal)
            .Replace("\"exit\":\"\"", "\"exit\":\"suspend\"", StringComparison.Ordinal);
        await Api.CommitAsync(commitUrl, suspended, terminate: true);

        using var browser = new HttpClient();
        var html = await browser.GetStringAsync(await client.LaunchLinkAsync("reg-1"), Api.Ct);
        var config = JsonDocument.Parse(System.Text.RegularExpressions.Regex.Match(html,
            "<script type=\"application/json\" id=\"player-config\">(.*?)</script>").Groups[1].Value).RootElement;
        var cmi = config.GetProperty("cmi");

        Assert.Equal("resume", cmi.GetProperty("core").GetProperty("entry").GetString());
        Assert.Equal("page-3", cmi.GetProperty("core").GetProperty("lesson_location").GetString());
        Assert.Equal("{\"visited\":[1,2,3]}", cmi.GetProperty("suspend_data").GetString());
        Assert.Equal("80", cmi.GetProperty("student_data").GetProperty("mastery_score").GetString());
        var r = await client.GetJsonAsync("registrations/reg-1?includeChildResults=true");
        Assert.True(r.GetProperty("activityDetails").GetProperty("children")[0].GetProperty("suspended").GetBoolean());
    }

    [Fact]
    public async Task CommitWithUnknownTokenOrBadJsonFails()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var browser = new HttpClient();

        using var unknown = await browser.PostAsync(new Uri(server.Origin, "/api/cloud/registration/commit/nope"), new StringContent("{}"), Api.Ct);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False((await unknown.JsonAsync()).GetProperty("result").GetBoolean());
    }

    [Fact]
    public async Task UntrackedLaunchDoesNotRollUp()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        await client.CreateRegistrationAsync("course-1", "reg-1");
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1", new { redirectOnExitUrl = "message", tracking = false }));

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        var r = await client.GetJsonAsync("registrations/reg-1");

        Assert.Equal("UNKNOWN", r.GetProperty("registrationCompletion").GetString());
    }
}
