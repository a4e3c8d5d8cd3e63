using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

public sealed class RegistrationTests
{
    private static async Task<(EmulatorServer Server, HttpClient Client)> WithCourseAsync(Action<IDictionary<string, string?>>? settings = null)
    {
        var server = await EmulatorServer.StartAsync(settings);
        var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        return (server, client);
    }

    [Fact]
    public async Task CreateIs204AndDuplicateIs400AndUnknownCourseIs404()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;

        using var created = await client.CreateRegistrationAsync("course-1", "reg-1");
        using var duplicate = await client.CreateRegistrationAsync("course-1", "reg-1");
        using var noCourse = await client.CreateRegistrationAsync("nope", "reg-2");

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("Registration with id [reg-1] already exists", (await duplicate.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noCourse.StatusCode);
        Assert.Equal("Could not find course [nope]", (await noCourse.JsonAsync()).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"registrationId":"r","learner":{"id":"l"}}""")]
    [InlineData("""{"courseId":"course-1","learner":{"id":"l"}}""")]
    [InlineData("""{"courseId":"course-1","registrationId":"r"}""")]
    [InlineData("""{"courseId":"course-1","registrationId":"r","learner":{"firstName":"x"}}""")]
    public async Task MissingRequiredFieldsAre400(string json)
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;

        using var response = await client.PostAsync("registrations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).TryGetProperty("message", out _));
    }

    [Fact]
    public async Task HeadIs200ForExistingAnd404ForUnknown()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1");

        using var exists = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "registrations/reg-1"), Api.Ct);
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "registrations/reg-2"), Api.Ct);

        Assert.Equal(HttpStatusCode.OK, exists.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task NewRegistrationHasTheRegistrationSchemaShape()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1");

        var r = await client.GetJsonAsync("registrations/reg-1");

        Assert.Equal("reg-1", r.GetProperty("id").GetString());
        Assert.Equal(0, r.GetProperty("instance").GetInt32());
        Assert.Equal("UNKNOWN", r.GetProperty("registrationCompletion").GetString());
        Assert.Equal("UNKNOWN", r.GetProperty("registrationSuccess").GetString());
        Assert.Equal(0, r.GetProperty("registrationCompletionAmount").GetDouble());
        Assert.Equal(0, r.GetProperty("totalSecondsTracked").GetDouble());
        Assert.False(r.TryGetProperty("score", out _));
        Assert.False(r.TryGetProperty("firstAccessDate", out _));
        Assert.True(r.TryGetProperty("createdDate", out _));
        Assert.True(r.TryGetProperty("updated", out _));
        Assert.Equal("course-1", r.GetProperty("course").GetProperty("id").GetString());
        Assert.Equal("Synthetic SCORM 1.2 Auto-Pass Course", r.GetProperty("course").GetProperty("title").GetString());
        Assert.Equal(0, r.GetProperty("course").GetProperty("version").GetInt32());
        var learner = r.GetProperty("learner");
        Assert.Equal("learner-1", learner.GetProperty("id").GetString());
        Assert.Equal("Ada", learner.GetProperty("firstName").GetString());
        Assert.Equal("Lovelace", learner.GetProperty("lastName").GetString());
        Assert.Equal("ada@example.org", learner.GetProperty("email").GetString());
        var activity = r.GetProperty("activityDetails");
        Assert.False(activity.TryGetProperty("children", out _));
        Assert.False(activity.TryGetProperty("runtime", out _));
    }

    [Fact]
    public async Task UnknownRegistrationIs404ForGetDeleteLaunchAndConfiguration()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;

        var get = await client.GetJsonAsync("registrations/x", HttpStatusCode.NotFound);
        using var delete = await client.DeleteAsync("registrations/x", Api.Ct);
        using var launch = await client.PostAsJsonAsync("registrations/x/launchLink", new { redirectOnExitUrl = "https://a.example/" }, Api.Ct);
        using var config = await client.GetAsync("registrations/x/configuration", Api.Ct);

        Assert.Equal("Could not find registration [x]", get.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, launch.StatusCode);
        Assert.StartsWith("Could not find registration [x]", (await launch.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, config.StatusCode);
    }

    [Fact]
    public async Task DeleteRemovesTheRegistration()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1");

        using var first = await client.DeleteAsync("registrations/reg-1", Api.Ct);
        using var second = await client.DeleteAsync("registrations/reg-1", Api.Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task ListFiltersByCourseAndPagesWithMore()
    {
        var (server, client) = await WithCourseAsync(s => s["Emulator:PageSize"] = "2");
        await using var serverScope = server;
        using var clientScope = client;
        await client.ImportAsync("course-2", "synthetic_scorm2004_4th_minimal_autopass.zip");
        foreach (var id in new[] { "r1", "r2", "r3" }) await client.CreateRegistrationAsync("course-1", id);
        await client.CreateRegistrationAsync("course-2", "other");

        var first = await client.GetJsonAsync("registrations?courseId=course-1&orderBy=created_asc");
        var second = await client.GetJsonAsync($"registrations?more={Uri.EscapeDataString(first.GetProperty("more").GetString()!)}");

        Assert.Equal(["r1", "r2"], CourseTests.Ids(first, "registrations"));
        Assert.Equal(["r3"], CourseTests.Ids(second, "registrations"));
        Assert.False(second.TryGetProperty("more", out _));
    }

    [Fact]
    public async Task ListSinceFiltersOnCreatedByDefault()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "old");
        var cut = (await client.GetJsonAsync("registrations/old")).GetProperty("updated").GetString()!;
        await Task.Delay(20, Api.Ct);
        await client.CreateRegistrationAsync("course-1", "new");
        var cutAfter = DateTimeOffset.Parse(cut, System.Globalization.CultureInfo.InvariantCulture).AddMilliseconds(1).ToString("O");

        var list = await client.GetJsonAsync($"registrations?since={Uri.EscapeDataString(cutAfter)}");

        Assert.Equal(["new"], CourseTests.Ids(list, "registrations"));
    }

    [Fact]
    public async Task ConfigurationExposesThePostbackSettings()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1", new
        {
            url = "http://127.0.0.1:9/pb", authType = "HTTPBASIC", userName = "u", password = "p", resultsFormat = "FULL", legacy = false,
        });

        var before = Settings(await client.GetJsonAsync("registrations/reg-1/configuration"));
        using var post = await client.PostAsJsonAsync("registrations/reg-1/configuration", new
        {
            settings = new[] { new { settingId = "ApiRollupRegistrationFormat", value = "activity", @explicit = true } },
        }, Api.Ct);
        var after = Settings(await client.GetJsonAsync("registrations/reg-1/configuration"));

        Assert.Equal("http://127.0.0.1:9/pb", before["ApiRollupRegistrationPostBackUrl"]);
        Assert.Equal("httpbasic", before["ApiRollupRegistrationAuthType"]);
        Assert.Equal("u", before["ApiRollupRegistrationAuthUser"]);
        Assert.Equal("p", before["ApiRollupRegistrationAuthPassword"]);
        Assert.Equal("full", before["ApiRollupRegistrationFormat"]);
        Assert.Equal("true", before["ApiRollupRegistrationIsJson"]);
        Assert.Equal(HttpStatusCode.NoContent, post.StatusCode);
        Assert.Equal("activity", after["ApiRollupRegistrationFormat"]);
    }

    [Fact]
    public async Task ResetProgressClearsProgress()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1");
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);

        using var reset = await client.DeleteAsync("registrations/reg-1/progress", Api.Ct);
        var r = await client.GetJsonAsync("registrations/reg-1");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal("UNKNOWN", r.GetProperty("registrationCompletion").GetString());
        Assert.Equal(0, r.GetProperty("totalSecondsTracked").GetDouble());
    }

    private static Dictionary<string, string?> Settings(JsonElement config) =>
        config.GetProperty("settingItems").EnumerateArray().ToDictionary(
            s => s.GetProperty("id").GetString()!, s => s.GetProperty("effectiveValue").GetString());
}
