using System.Net;
using System.Text;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>Plays a launch link the way the emulator's player page would: open it, then commit run-time data.</summary>
internal static class LearnerBrowser
{
    /// <summary>Opens <paramref name="launchLink"/> (starting a player session) and commits a SCORM 1.2 <paramref name="lessonStatus"/>.</summary>
    public static async Task PlayAsync(Uri launchLink, string lessonStatus, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var launch = await browser.GetAsync(launchLink, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, launch.StatusCode);
        var session = launch.Headers.Location!.OriginalString.Split('/')[^1];
        var commit = """{"cmi":{"core":{"lesson_status":"STATUS","score":{"raw":"90"},"session_time":"00:00:10"}}}"""
            .Replace("STATUS", lessonStatus, StringComparison.Ordinal);
        using var content = new StringContent(commit, Encoding.UTF8, "application/json");
        using var response = await browser.PostAsync(new Uri(launchLink, $"/api/cloud/registration/commit/{session}?terminate=true"), content, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
