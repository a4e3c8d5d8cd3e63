using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>Raw HTTP helpers: the tests read JSON with JsonDocument, not through any client model.</summary>
public static class Api
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(expected, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string courseId, string packagePath,
        bool mayCreateNewVersion = false, string? postbackUrl = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(packagePath));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", Path.GetFileName(packagePath));
        var url = $"courses/importJobs/upload?courseId={Uri.EscapeDataString(courseId)}&mayCreateNewVersion={(mayCreateNewVersion ? "true" : "false")}";
        if (postbackUrl is not null) url += "&postbackUrl=" + Uri.EscapeDataString(postbackUrl);
        return await client.PostAsync(url, form, Ct);
    }

    /// <summary>Uploads and polls until the job is no longer RUNNING; returns the ImportJobResultSchema.</summary>
    public static async Task<JsonElement> ImportAsync(this HttpClient client, string courseId, string packageFile, bool mayCreateNewVersion = false)
    {
        using var response = await client.UploadAsync(courseId, RepoPaths.Package(packageFile), mayCreateNewVersion);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jobId = (await response.JsonAsync()).GetProperty("result").GetString()!;
        return await client.WaitForJobAsync(jobId);
    }

    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string jobId)
    {
        for (var i = 0; i < 300; i++)
        {
            var job = await client.GetJsonAsync($"courses/importJobs/{jobId}");
            if (job.GetProperty("status").GetString() != "RUNNING") return job;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException($"Import job {jobId} still RUNNING.");
    }

    public static async Task<HttpResponseMessage> CreateRegistrationAsync(this HttpClient client, string courseId, string registrationId,
        object? postBack = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["courseId"] = courseId,
            ["registrationId"] = registrationId,
            ["learner"] = new { id = "learner-1", firstName = "Ada", lastName = "Lovelace", email = "ada@example.org" },
        };
        if (postBack is not null) body["postBack"] = postBack;
        return await client.PostAsJsonAsync("registrations", body, Ct);
    }

    public static async Task<string> LaunchLinkAsync(this HttpClient client, string registrationId, object? body = null)
    {
        using var response = await client.PostAsJsonAsync($"registrations/{registrationId}/launchLink",
            body ?? new { redirectOnExitUrl = "https://lms.example.org/done" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("launchLink").GetString()!;
    }

    /// <summary>Opens a launch link as a browser would (without following the redirect); returns the commit URL.</summary>
    public static async Task<Uri> LaunchAsync(EmulatorServer server, string launchLink)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(launchLink, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var player = response.Headers.Location!.ToString();
        Assert.StartsWith("/api/cloud/registration/player/", player, StringComparison.Ordinal);
        var session = player["/api/cloud/registration/player/".Length..];
        return new Uri(server.Origin, $"/api/cloud/registration/commit/{session}");
    }

    public static async Task CommitAsync(Uri commitUrl, string json, bool terminate = false, string contentType = "application/json;charset=UTF-8")
    {
        using var browser = new HttpClient();
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await browser.PostAsync(terminate ? commitUrl + "?terminate=true" : commitUrl.ToString(), content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.True(result.GetProperty("result").GetBoolean());
        Assert.Equal(0, result.GetProperty("errorCode").GetInt32());
    }

    public static string Commit(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Commits", name));
}
