using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

public sealed class LaunchTests
{
    private static async Task<(EmulatorServer Server, HttpClient Client)> WithRegistrationAsync(FakeTimeProvider? time = null)
    {
        var server = await EmulatorServer.StartAsync(configure: time is null ? null : b => b.Services.AddSingleton<TimeProvider>(time));
        var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        await client.CreateRegistrationAsync("course-1", "reg-1");
        return (server, client);
    }

    [Fact]
    public async Task LaunchLinkPointsAtTheEmulatorOrigin()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;

        var link = await client.LaunchLinkAsync("reg-1");

        Assert.StartsWith($"{server.Origin.ToString().TrimEnd('/')}/api/cloud/registration/launch/", link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(301)]
    public async Task ExpiryOutside10To300Is400(int expiry)
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;

        using var response = await client.PostAsJsonAsync("registrations/reg-1/launchLink",
            new { redirectOnExitUrl = "https://lms.example.org/", expiry }, Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).TryGetProperty("message", out _));
    }

    [Fact]
    public async Task BadRedirectOnExitUrlIs400()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;

        using var response = await client.PostAsJsonAsync("registrations/reg-1/launchLink", new { redirectOnExitUrl = "javascript:alert(1)" }, Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LaunchLinkWorksOnceOnly()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;
        var link = await client.LaunchLinkAsync("reg-1");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var first = await browser.GetAsync(link, Api.Ct);
        using var second = await browser.GetAsync(link, Api.Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
    }

    [Fact]
    public async Task LaunchLinkExpiresAfterExpirySeconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (server, client) = await WithRegistrationAsync(time);
        await using var serverScope = server;
        using var clientScope = client;
        var fresh = await client.LaunchLinkAsync("reg-1", new { redirectOnExitUrl = "https://lms.example.org/", expiry = 10 });
        var stale = await client.LaunchLinkAsync("reg-1", new { redirectOnExitUrl = "https://lms.example.org/", expiry = 10 });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        time.Advance(TimeSpan.FromSeconds(9));
        using var inTime = await browser.GetAsync(fresh, Api.Ct);
        time.Advance(TimeSpan.FromSeconds(2));
        using var late = await browser.GetAsync(stale, Api.Ct);

        Assert.Equal(HttpStatusCode.Redirect, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync(Api.Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlayerPageLoadsScormAgainAndTheSco()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;
        using var browser = new HttpClient { BaseAddress = server.Origin };

        var html = await browser.GetStringAsync(await client.LaunchLinkAsync("reg-1"), Api.Ct);
        var runtime = await browser.GetStringAsync("/lib/scorm-again.min.js", Api.Ct);
        var player = await browser.GetStringAsync("/lib/player.js", Api.Ct);

        Assert.Contains("<script src=\"/lib/scorm-again.min.js\">", html, StringComparison.Ordinal);
        Assert.Contains("\"api\":\"scorm12\"", html, StringComparison.Ordinal);
        Assert.Contains("\"redirectOnExitUrl\":\"https://lms.example.org/done\"", html, StringComparison.Ordinal);
        Assert.Contains("\"student_id\":\"learner-1\"", html, StringComparison.Ordinal);
        Assert.Contains("Scorm12API", runtime, StringComparison.Ordinal);
        Assert.Contains("terminateCommitParam", player, StringComparison.Ordinal);
        var content = System.Text.RegularExpressions.Regex.Match(html, "\"contentUrl\":\"([^\"]+)\"").Groups[1].Value;
        using var sco = await browser.GetAsync(content, Api.Ct);
        Assert.Equal(HttpStatusCode.OK, sco.StatusCode);
        Assert.Equal("text/html", sco.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ContentCannotEscapeItsFolder()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;
        using var browser = new HttpClient { BaseAddress = server.Origin };
        var html = await browser.GetStringAsync(await client.LaunchLinkAsync("reg-1"), Api.Ct);
        var content = System.Text.RegularExpressions.Regex.Match(html, "\"contentUrl\":\"(/content/[^/]+/)").Groups[1].Value;

        using var escape = await browser.GetAsync(content + "..%2F..%2Fuploads", Api.Ct);

        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }
}
