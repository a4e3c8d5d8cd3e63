using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Web;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

public sealed class PostbackTests
{
    private static void FastRetries(IDictionary<string, string?> s)
    {
        s["Emulator:Postbacks:InitialDelay"] = "00:00:00.100";
        s["Emulator:Postbacks:MaxDelay"] = "00:00:00.500";
        s["Emulator:Postbacks:HoldBack"] = "00:00:00.300";
    }

    private static async Task<(EmulatorServer Server, HttpClient Client, Uri CommitUrl)> LaunchAsync(object postBack,
        Action<IDictionary<string, string?>>? settings = null)
    {
        var server = await EmulatorServer.StartAsync(s =>
        {
            FastRetries(s);
            settings?.Invoke(s);
        });
        var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        await client.CreateRegistrationAsync("course-1", "reg-1", postBack);
        return (server, client, await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1")));
    }

    [Fact]
    public async Task FormPostbackCarriesDataUserNameAndPassword()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        var (server, client, commitUrl) = await LaunchAsync(new
        {
            url = receiver.Url.ToString(), authType = "FORM", userName = "pb-user", password = "pb-pass", resultsFormat = "COURSE",
        });
        await using var serverScope = server;
        using var clientScope = client;

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        var posted = await receiver.NextAsync();

        Assert.Equal("application/x-www-form-urlencoded; charset=UTF-8", posted.ContentType);
        var form = HttpUtility.ParseQueryString(posted.Body);
        Assert.Equal("pb-user", form["userName"]);
        Assert.Equal("pb-pass", form["password"]);
        var data = JsonDocument.Parse(form["data"]!).RootElement;
        Assert.Equal("reg-1", data.GetProperty("id").GetString());
        Assert.Equal("COMPLETED", data.GetProperty("registrationCompletion").GetString());
        Assert.Equal("PASSED", data.GetProperty("registrationSuccess").GetString());
        Assert.Equal(85, data.GetProperty("score").GetProperty("scaled").GetDouble());
        Assert.Equal(90, data.GetProperty("totalSecondsTracked").GetDouble());
        Assert.False(data.TryGetProperty("activityDetails", out _)); // COURSE format
    }

    [Fact]
    public async Task HttpBasicPostbackIsJsonWithAuthorizationAndFullFormatHasRuntime()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        var (server, client, commitUrl) = await LaunchAsync(new
        {
            url = receiver.Url.ToString(), authType = "HTTPBASIC", userName = "pb-user", password = "pb-pass", resultsFormat = "FULL",
        });
        await using var serverScope = server;
        using var clientScope = client;

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        var posted = await receiver.NextAsync();

        Assert.Equal("application/json; charset=UTF-8", posted.ContentType);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("pb-user:pb-pass")), posted.Authorization);
        var data = JsonDocument.Parse(posted.Body).RootElement;
        var sco = data.GetProperty("activityDetails").GetProperty("children")[0];
        Assert.Equal("page-3", sco.GetProperty("runtime").GetProperty("location").GetString());
    }

    [Fact]
    public async Task ActivityFormatHasTheTreeWithoutRuntime()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        var (server, client, commitUrl) = await LaunchAsync(new { url = receiver.Url.ToString(), authType = "FORM", resultsFormat = "ACTIVITY" });
        await using var serverScope = server;
        using var clientScope = client;

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        var data = JsonDocument.Parse(HttpUtility.ParseQueryString((await receiver.NextAsync()).Body)["data"]!).RootElement;

        var sco = data.GetProperty("activityDetails").GetProperty("children")[0];
        Assert.False(sco.TryGetProperty("runtime", out _));
    }

    [Fact]
    public async Task A500IsRetriedUntilDelivered()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        receiver.Responses.Enqueue(500);
        receiver.Responses.Enqueue(503);
        var (server, client, commitUrl) = await LaunchAsync(new { url = receiver.Url.ToString(), authType = "HTTPBASIC", resultsFormat = "COURSE" });
        await using var serverScope = server;
        using var clientScope = client;

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        var third = await receiver.NextAsync();

        Assert.Equal(first.Body, third.Body);
        Assert.Equal(second.Body, third.Body);
        Assert.True(await receiver.QuietForAsync(TimeSpan.FromMilliseconds(700)));
        Assert.True(third.At - second.At >= TimeSpan.FromMilliseconds(150), "backoff doubles");
    }

    [Fact]
    public async Task ARedirectCountsAsDeliveredAndIsNotFollowed()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        receiver.Responses.Enqueue(302);
        var (server, client, commitUrl) = await LaunchAsync(new { url = receiver.Url.ToString(), authType = "HTTPBASIC", resultsFormat = "COURSE" });
        await using var serverScope = server;
        using var clientScope = client;

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        await receiver.NextAsync();

        Assert.True(await receiver.QuietForAsync(TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public async Task GivesUpAfterMaxAttempts()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        for (var i = 0; i < 10; i++) receiver.Responses.Enqueue(500);
        var (server, client, commitUrl) = await LaunchAsync(new { url = receiver.Url.ToString(), authType = "HTTPBASIC" },
            s => s["Emulator:Postbacks:MaxAttempts"] = "2");
        await using var serverScope = server;
        using var clientScope = client;

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        await receiver.NextAsync();
        await receiver.NextAsync();

        Assert.True(await receiver.QuietForAsync(TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public async Task DropRateOneLosesEveryPostbackAfterItsAttempts()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        var (server, client, commitUrl) = await LaunchAsync(
            new { url = receiver.Url.ToString(), authType = "HTTPBASIC", resultsFormat = "COURSE" },
            s =>
            {
                s["Emulator:Postbacks:DropRate"] = "1";
                s["Emulator:Postbacks:MaxAttempts"] = "3";
            });
        await using var serverScope = server;
        using var clientScope = client;

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);

        // Three attempts at 0, 0.1 and 0.3 s; none may reach the receiver, yet the registration has the result.
        Assert.True(await receiver.QuietForAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal("COMPLETED", (await client.GetJsonAsync("registrations/reg-1")).GetProperty("registrationCompletion").GetString());
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    public async Task DropRateOutsideZeroToOneFailsTheStart(string rate)
    {
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await EmulatorServer.StartAsync(s => s["Emulator:Postbacks:DropRate"] = rate);
        });
    }

    [Fact]
    public async Task DuplicateAndReorderSendsEveryPayloadTwiceAndAnOlderOneAfterANewerOne()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        var (server, client, commitUrl) = await LaunchAsync(new { url = receiver.Url.ToString(), authType = "HTTPBASIC", resultsFormat = "COURSE" });
        await using var serverScope = server;
        using var clientScope = client;
        using var toggle = await client.PostAsJsonAsync(new Uri(server.Origin, "/emulator/postbacks"), new { duplicateAndReorder = true }, Api.Ct);
        Assert.Equal(HttpStatusCode.NoContent, toggle.StatusCode);

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-commit.json"));
        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        var updated = new List<string>();
        for (var i = 0; i < 4; i++) updated.Add(JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement.GetProperty("updated").GetString()!);

        var older = updated[0];
        var newer = updated[1];
        Assert.True(string.CompareOrdinal(newer, older) > 0);
        Assert.Equal([older, newer, older, newer], updated);
    }

    [Fact]
    public async Task PostbackTestSendsOnceWithoutRetry()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        await using var server = await EmulatorServer.StartAsync(FastRetries);
        using var client = server.CreateClient();

        using var ok = await client.PostAsJsonAsync("registrations/postBackTest", new { url = receiver.Url.ToString(), authType = "FORM", resultsFormat = "COURSE" }, Api.Ct);
        var posted = await receiver.NextAsync();
        receiver.Responses.Enqueue(500);
        using var failed = await client.PostAsJsonAsync("registrations/postBackTest", new { url = receiver.Url.ToString(), authType = "FORM" }, Api.Ct);
        await receiver.NextAsync();

        Assert.True(ok.IsSuccessStatusCode);
        Assert.NotNull(HttpUtility.ParseQueryString(posted.Body)["data"]);
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.True(await receiver.QuietForAsync(TimeSpan.FromMilliseconds(500)));
    }
}
