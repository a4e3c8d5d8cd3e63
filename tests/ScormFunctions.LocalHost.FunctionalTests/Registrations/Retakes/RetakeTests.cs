using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Core.Registrations;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations.Retakes;

/// <summary>
/// Retakes over real HTTP (local host, Azurite, the emulator): a new SCORM Cloud instance, per-instance history, and
/// a late postback from the older instance's player session that completes its history but never the current result.
/// </summary>
public sealed class RetakeTests : IAsyncLifetime
{
    private RegistrationHarness h = null!;
    private HttpClient admin = null!;
    private HttpClient learner = null!;

    public async ValueTask InitializeAsync()
    {
        h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        admin = await h.AdminAsync();
        learner = await h.LearnerAsync("learner-1");
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        learner.Dispose();
        await h.DisposeAsync();
    }

    [Fact]
    public async Task RetakeStartsInstance1AndALatePostbackForInstance0OnlyUpdatesItsHistory()
    {
        var created = await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        Assert.Equal(0, created.GetProperty("instance").GetInt32());
        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(learner, "reg-1"));
        await CommitAsync(commitUrl, Scorm12Commit);
        var completed = await WaitForAsync(learner, "reg-1", IsCompleted);
        Assert.Equal(0, completed.GetProperty("courseVersion").GetInt32());

        var retaken = await PostInstanceAsync(admin, "reg-1", HttpStatusCode.Created);
        Assert.Equal(1, retaken.GetProperty("instance").GetInt32());
        Assert.Equal(0, retaken.GetProperty("courseVersion").GetInt32());
        Assert.Equal("unknown", retaken.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Null(GetScore(retaken));

        // The player session opened before the retake still terminates into instance 0 (90 s tracked there).
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
        var history = await WaitForInstancesAsync(learner, "reg-1",
            b => b.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("instance").GetInt32() == 0 && i.GetProperty("totalSeconds").GetDouble() == 90));
        var current = await GetJsonAsync(learner, "api/registrations/reg-1");

        Assert.Equal(1, history.GetProperty("currentInstance").GetInt32());
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([0, 1], items.Select(i => i.GetProperty("instance").GetInt32()));
        Assert.Equal("completed", items[0].GetProperty("completion").GetString());
        Assert.Equal("passed", items[0].GetProperty("success").GetString());
        Assert.Equal(85, items[0].GetProperty("score").GetDouble());
        Assert.False(items[0].GetProperty("current").GetBoolean());
        Assert.Equal("unknown", items[1].GetProperty("completion").GetString());
        Assert.True(items[1].GetProperty("current").GetBoolean());
        Assert.Equal(1, current.GetProperty("instance").GetInt32());
        Assert.Equal("unknown", current.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Equal(0, current.GetProperty("reported").GetProperty("totalSeconds").GetDouble());
    }

    [Fact]
    public async Task OverrideStaysOnTheRegistrationAcrossARetake()
    {
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        using (var set = await admin.PutAsJsonAsync("api/registrations/reg-1/override", new { completion = "completed", reason = "On paper" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var retaken = await PostInstanceAsync(admin, "reg-1", HttpStatusCode.Created);

        Assert.Equal(1, retaken.GetProperty("instance").GetInt32());
        Assert.Equal("completed", retaken.GetProperty("effective").GetProperty("completion").GetString());
        Assert.True(retaken.GetProperty("effective").GetProperty("overridden").GetBoolean());
    }

    [Fact]
    public async Task LearnerMayNotRetakeByDefaultNorSeeAnothersInstances()
    {
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        using var other = await h.LearnerAsync("learner-2");

        await PostInstanceAsync(learner, "reg-1", HttpStatusCode.Forbidden);
        await GetJsonAsync(other, "api/registrations/reg-1/instances", HttpStatusCode.Forbidden);
        var listed = await GetJsonAsync(learner, "api/registrations/reg-1/instances");

        Assert.Equal(0, listed.GetProperty("currentInstance").GetInt32());
        Assert.False(listed.GetProperty("mayRetake").GetBoolean());
        Assert.True((await GetJsonAsync(admin, "api/registrations/reg-1/instances")).GetProperty("mayRetake").GetBoolean());
        Assert.Single(listed.GetProperty("items").EnumerateArray());
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations/reg-1/instances");
        Assert.Single(cloud.GetProperty("registrations").EnumerateArray());
    }

    [Fact]
    public async Task UnknownIs404AndPendingOrDeletedIs409()
    {
        await AssignAsync(admin, "course-1", "learner-1", "reg-pending");
        await AssignAsync(admin, "course-1", "learner-1", "reg-deleted");
        var repository = h.Server.Services.GetRequiredService<RegistrationRepository>();
        await repository.UpdateWithRetryAsync("reg-pending", r => { r.State = RegistrationState.Pending; return true; }, Ct);
        await repository.UpdateWithRetryAsync("reg-deleted", r => { r.State = RegistrationState.Deleted; return true; }, Ct);

        await PostInstanceAsync(admin, "reg-unknown", HttpStatusCode.NotFound);
        await GetJsonAsync(admin, "api/registrations/reg-unknown/instances", HttpStatusCode.NotFound);
        var pending = await PostInstanceAsync(admin, "reg-pending", HttpStatusCode.Conflict);
        await PostInstanceAsync(admin, "reg-deleted", HttpStatusCode.Conflict);

        Assert.Contains("pending", pending.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations/reg-pending/instances");
        Assert.Single(cloud.GetProperty("registrations").EnumerateArray());
    }

    internal static async Task<JsonElement> PostInstanceAsync(HttpClient client, string registrationId, HttpStatusCode expected)
    {
        using var response = await client.PostAsync($"api/registrations/{Uri.EscapeDataString(registrationId)}/instances", null, Ct);
        var body = await JsonAsync(response);
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<JsonElement> WaitForInstancesAsync(HttpClient client, string registrationId, Func<JsonElement, bool> done)
    {
        var started = Environment.TickCount64;
        while (true)
        {
            var body = await GetJsonAsync(client, $"api/registrations/{Uri.EscapeDataString(registrationId)}/instances");
            if (done(body)) return body;
            if (Environment.TickCount64 - started > 15000) Assert.Fail($"Timed out waiting for the instances of {registrationId}: {body}");
            await Task.Delay(100, Ct);
        }
    }

    private static double? GetScore(JsonElement registration) =>
        registration.GetProperty("reported").GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetDouble() : null;
}
