using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Testing;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>
/// The local host and an in-process SCORM Cloud emulator (fast postback retries) on loopback, Azurite behind the
/// host, a course imported into the emulator, and helpers that walk the launch chain as a browser would.
/// </summary>
public sealed class RegistrationHarness : IAsyncDisposable
{
    public const string Package = "synthetic_scorm12_minimal_autopass.zip";

    /// <summary>scorm-again 3.4.3's commit and terminate bodies for the SCORM 1.2 auto-pass package (see the emulator's tests).</summary>
    public const string Scorm12Commit = """{"successStatus":"passed","completionStatus":"completed","runtimeData":{"cmi":{"suspend_data":"{\"visited\":[1,2,3]}","launch_data":"","comments":"","comments_from_lms":"","core":{"student_id":"learner-1","student_name":"Lovelace, Ada","lesson_location":"page-3","credit":"","lesson_status":"passed","entry":"ab-initio","lesson_mode":"normal","exit":"","session_time":"00:01:30","score":{"raw":"85","min":"0","max":"100"}},"objectives":{},"student_data":{"mastery_score":"80","max_time_allowed":"","time_limit_action":""},"student_preference":{"audio":"","language":"","speed":"","text":""},"interactions":{}}},"totalTimeSeconds":0,"score":{"raw":85,"min":0,"max":100}}""";

    public const string Scorm12Terminate = """{"successStatus":"passed","completionStatus":"completed","runtimeData":{"cmi":{"suspend_data":"{\"visited\":[1,2,3]}","launch_data":"","comments":"","comments_from_lms":"","core":{"student_id":"learner-1","student_name":"Lovelace, Ada","lesson_location":"page-3","credit":"","lesson_status":"passed","entry":"ab-initio","lesson_mode":"normal","exit":"","session_time":"00:01:30","score":{"raw":"85","min":"0","max":"100"},"total_time":"00:01:30"},"objectives":{},"student_data":{"mastery_score":"80","max_time_allowed":"","time_limit_action":""},"student_preference":{"audio":"","language":"","speed":"","text":""},"interactions":{}}},"totalTimeSeconds":90,"score":{"raw":85,"min":0,"max":100}}""";

    private RegistrationHarness(EmulatorServer emulator, LocalHostServer server)
    {
        Emulator = emulator;
        Server = server;
        EmulatorApi = emulator.CreateClient();
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public EmulatorServer Emulator { get; }

    public LocalHostServer Server { get; }

    /// <summary>The emulator's V2 API with its Basic credentials (to look at SCORM Cloud's side).</summary>
    public HttpClient EmulatorApi { get; }

    public static async Task<RegistrationHarness> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection, EmulatorServer>? services = null, string? postbackAuthType = null,
        IDictionary<string, string?>? emulatorSettings = null)
    {
        var emulator = await EmulatorServer.StartAsync(s =>
        {
            s["Emulator:Postbacks:InitialDelay"] = "00:00:00.200";
            s["Emulator:Postbacks:MaxDelay"] = "00:00:01";
            s["Emulator:Postbacks:HoldBack"] = "00:00:00.300";
            foreach (var (key, value) in emulatorSettings ?? new Dictionary<string, string?>()) s[key] = value;
        });
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (postbackAuthType is not null) all["Registrations:PostbackAuthType"] = postbackAuthType;
        var server = await LocalHostServer.StartAsync(all, emulator: emulator, services: services is null ? null : s => services(s, emulator));
        return new RegistrationHarness(emulator, server);
    }

    /// <summary>Imports the package into the emulator (the client's upload + polling) and records the course as ready.</summary>
    public async Task ImportCourseAsync(string courseId, string package = Package)
    {
        using (var scope = Server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScormCloudClient>().ImportPackageAsync(courseId, package, Ct);
        }
        await RecordCourseAsync(courseId);
    }

    /// <summary>Our course record only (ready, version 1), e.g. for a course SCORM Cloud does not have.</summary>
    public async Task RecordCourseAsync(string courseId)
    {
        var courses = Server.Services.GetRequiredService<CourseRepository>();
        await courses.GetOrCreateAsync(courseId, Ct);
        await courses.UpdateWithRetryAsync(courseId, c =>
        {
            c.Status = CourseStatus.Ready;
            c.Version = 1;
            return true;
        }, Ct);
    }

    public Task<HttpClient> AdminAsync() => Server.ClientForAsync("admin-1", "admin");

    public Task<HttpClient> LearnerAsync(string learnerId) => Server.ClientForAsync(learnerId, "learner");

    public static async Task<JsonElement> AssignAsync(HttpClient admin, string courseId, string learnerId, string? registrationId = null,
        HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await admin.PostAsJsonAsync("api/registrations", new
        {
            registrationId,
            courseId,
            learner = new { id = learnerId, firstName = "Ada", lastName = "Lovelace", email = "ada@example.org" },
        }, Ct);
        var body = await JsonAsync(response);
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url, Ct);
        var body = await JsonAsync(response);
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>POST .../launch as the given client; returns our signed URL.</summary>
    public static async Task<Uri> LaunchUrlAsync(HttpClient client, string registrationId)
    {
        using var response = await client.PostAsync($"api/registrations/{Uri.EscapeDataString(registrationId)}/launch", null, Ct);
        var body = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"launch: {(int)response.StatusCode} {body}");
        return new Uri(body.GetProperty("launchUrl").GetString()!);
    }

    /// <summary>
    /// Follows our signed URL like a browser without bearer headers: our 302 → SCORM Cloud's launch link → 302 to the
    /// player. Returns the emulator's commit URL for the player session.
    /// </summary>
    public async Task<Uri> OpenPlayerAsync(Uri launchUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var ours = await browser.GetAsync(launchUrl, Ct);
        Assert.Equal(HttpStatusCode.Redirect, ours.StatusCode);
        var cloudLink = ours.Headers.Location!;
        Assert.StartsWith(Emulator.Origin.ToString().TrimEnd('/') + "/api/cloud/registration/launch/", cloudLink.ToString(), StringComparison.Ordinal);
        using var launched = await browser.GetAsync(cloudLink, Ct);
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);
        var player = launched.Headers.Location!.ToString();
        Assert.StartsWith("/api/cloud/registration/player/", player, StringComparison.Ordinal);
        using var page = await browser.GetAsync(new Uri(Emulator.Origin, player), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var session = player["/api/cloud/registration/player/".Length..];
        return new Uri(Emulator.Origin, $"/api/cloud/registration/commit/{session}");
    }

    /// <summary>Posts a run-time commit as the player (scorm-again) does.</summary>
    public static async Task CommitAsync(Uri commitUrl, string json, bool terminate = false)
    {
        using var browser = new HttpClient();
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(terminate ? "text/plain;charset=UTF-8" : "application/json;charset=UTF-8");
        using var response = await browser.PostAsync(terminate ? commitUrl + "?terminate=true" : commitUrl.ToString(), content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Polls GET /api/registrations/{id} until <paramref name="done"/> holds (postbacks are asynchronous).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string registrationId, Func<JsonElement, bool> done, int timeoutMs = 15000)
    {
        var started = Environment.TickCount64;
        while (true)
        {
            var body = await GetJsonAsync(client, $"api/registrations/{Uri.EscapeDataString(registrationId)}");
            if (done(body)) return body;
            if (Environment.TickCount64 - started > timeoutMs) Assert.Fail($"Timed out waiting for {registrationId}: {body}");
            await Task.Delay(100, Ct);
        }
    }

    public static bool IsCompleted(JsonElement r) => r.GetProperty("reported").GetProperty("completion").GetString() == "completed";

    /// <summary>The password we derive for a registration (what SCORM Cloud was given).</summary>
    public string PostbackPassword(string registrationId) =>
        Server.Services.GetRequiredService<PostbackCredentials>().PasswordFor(registrationId);

    /// <summary>Posts a V2 JSON postback as SCORM Cloud's <c>httpbasic</c> delivery does.</summary>
    public Task<HttpResponseMessage> PostbackAsync(string body, string? user, string? password, string contentType = "application/json; charset=UTF-8") =>
        PostbackAsync(Server.Client, body, user, password, contentType);

    /// <summary>Posts a V2 JSON postback to the host behind <paramref name="host"/> as SCORM Cloud's <c>httpbasic</c> delivery does.</summary>
    public static async Task<HttpResponseMessage> PostbackAsync(
        HttpClient host, string body, string? user, string? password, string contentType = "application/json; charset=UTF-8")
    {
        ArgumentNullException.ThrowIfNull(host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/postbacks/registrations")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        return await host.SendAsync(request, Ct);
    }

    /// <summary>Posts a postback as SCORM Cloud's <c>form</c> delivery does.</summary>
    public async Task<HttpResponseMessage> FormPostbackAsync(string data, string userFieldName, string? user, string? password)
    {
        var fields = new List<KeyValuePair<string, string>> { new("data", data) };
        if (user is not null) fields.Add(new(userFieldName, user));
        if (password is not null) fields.Add(new("password", password));
        using var content = new FormUrlEncodedContent(fields);
        return await Server.Client.PostAsync("api/postbacks/registrations", content, Ct);
    }

    /// <summary>Raw archived payloads of a registration (blob names and contents).</summary>
    public async Task<IReadOnlyList<(string Name, string Content)>> ArchivedAsync(string registrationId)
    {
        var container = new Azure.Storage.Blobs.BlobContainerClient(Azurite.ConnectionString, Server.TablePrefix + "-postbacks");
        var found = new List<(string, string)>();
        if (!(await container.ExistsAsync(Ct)).Value) return found;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: Ct))
        {
            if (!blob.Name.Contains("/" + Uri.EscapeDataString(registrationId) + "/", StringComparison.Ordinal)) continue;
            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(Ct);
            found.Add((blob.Name, content.Value.Content.ToString()));
        }
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        EmulatorApi.Dispose();
        await Server.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
