using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>
/// The player in a real browser: scorm-again loads, the synthetic SCO commits on its own, LMSFinish/Terminate sends
/// the terminate beacon and the top window goes to redirectOnExitUrl. Skipped when no Chromium is installed.
/// </summary>
public sealed class BrowserPlayerTests
{
    [Theory]
    [InlineData("synthetic_scorm12_minimal_autopass.zip", "window.API.LMSFinish('')")]
    [InlineData("synthetic_scorm2004_4th_minimal_autopass.zip", "window.API_1484_11.Terminate('')")]
    public async Task SyntheticPackagePlaysToCompletedPassed85And90SecondsAndExitsToTheRedirect(string package, string finish)
    {
        var chromium = HeadlessChromium.Find();
        if (chromium is null) Assert.Skip("No chromium-headless-shell or chromium on PATH (apt-get install chromium-headless-shell).");
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("course-1", package);
        await client.CreateRegistrationAsync("course-1", "reg-1");
        // A real landing page (an LMS's "course finished" page): a redirect to a route nothing serves ends, in current
        // Chromium, on chrome-error://chromewebdata/ instead of the URL.
        var (landing, landingOrigin) = await LoopbackApp.StartAsync(a => a.MapGet("/exit-landing", () =>
            Results.Content("<!doctype html><title>Back in the LMS</title><p>Course finished.</p>", "text/html")));
        await using var _ = landing;
        var exitUrl = new Uri(landingOrigin, "/exit-landing").ToString();
        var link = await client.LaunchLinkAsync("reg-1", new { redirectOnExitUrl = exitUrl });
        await using var browser = await HeadlessChromium.StartAsync(chromium);

        await browser.OpenAsync(link);
        var committed = await WaitForAsync(client, r => r.GetProperty("registrationCompletion").GetString() == "COMPLETED");
        Assert.True((await browser.EvaluateAsync(finish))?.ToString() is "true" or "True");
        var terminated = await WaitForAsync(client, r => string.CompareOrdinal(r.GetProperty("updated").GetString(), committed.GetProperty("updated").GetString()) > 0);
        string? location = null;
        for (var i = 0; i < 50 && location != exitUrl; i++)
        {
            await Task.Delay(100, Api.Ct);
            location = (await browser.EvaluateAsync("location.href"))?.GetValue<string>();
        }

        Assert.Equal("PASSED", terminated.GetProperty("registrationSuccess").GetString());
        Assert.Equal(85, terminated.GetProperty("score").GetProperty("scaled").GetDouble());
        Assert.Equal(90, terminated.GetProperty("totalSecondsTracked").GetDouble());
        Assert.Equal(exitUrl, location);
        Assert.Equal("Back in the LMS", (await browser.EvaluateAsync("document.title"))?.GetValue<string>());
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            var r = await client.GetJsonAsync("registrations/reg-1");
            if (condition(r)) return r;
            await Task.Delay(100, Api.Ct);
        }
        throw new TimeoutException("The registration did not reach the expected state.");
    }
}
