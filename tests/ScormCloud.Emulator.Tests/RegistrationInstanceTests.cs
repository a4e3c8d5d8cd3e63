using System.Globalization;
using System.Net;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>
/// Registration instances (RegistrationApi v4.0.0: CreateNewRegistrationInstance <c>POST /registrations/{id}/instances</c>,
/// GetRegistrationInstances <c>GET /registrations/{id}/instances</c> → RegistrationListSchema, GetRegistrationInstanceProgress
/// <c>GET /registrations/{id}/instances/{instanceId}</c> → RegistrationSchema).
/// </summary>
public sealed class RegistrationInstanceTests
{
    private static async Task<(EmulatorServer Server, HttpClient Client)> WithRegistrationAsync(
        object? postBack = null, Action<IDictionary<string, string?>>? settings = null)
    {
        var server = await EmulatorServer.StartAsync(settings);
        var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        using var created = await client.CreateRegistrationAsync("course-1", "reg-1", postBack);
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        return (server, client);
    }

    private static async Task NewInstanceAsync(HttpClient client, string registrationId = "reg-1")
    {
        using var response = await client.PostAsync($"registrations/{registrationId}/instances", null, Api.Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static DateTimeOffset Updated(JsonElement registration) =>
        DateTimeOffset.Parse(registration.GetProperty("updated").GetString()!, CultureInfo.InvariantCulture);

    internal static int[] Instances(JsonElement list) =>
        [.. list.GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("instance").GetInt32())];

    [Fact]
    public async Task A_new_instance_becomes_current_and_the_earlier_one_keeps_its_results()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await Api.CommitAsync(await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1")), Api.Commit("scorm12-terminate.json"), terminate: true);
        var first = await client.GetJsonAsync("registrations/reg-1");

        await NewInstanceAsync(client);
        var current = await client.GetJsonAsync("registrations/reg-1");
        var earlier = await client.GetJsonAsync("registrations/reg-1/instances/0?includeChildResults=true");
        var list = await client.GetJsonAsync("registrations/reg-1/instances");

        Assert.Equal(0, first.GetProperty("instance").GetInt32());
        ModelShapes.Check(current, "RegistrationSchema");
        Assert.Equal(1, current.GetProperty("instance").GetInt32());
        Assert.Equal("UNKNOWN", current.GetProperty("registrationCompletion").GetString());
        Assert.False(current.TryGetProperty("score", out _));
        Assert.Equal(0, current.GetProperty("course").GetProperty("version").GetInt32());
        Assert.Equal(first.GetProperty("createdDate").GetString(), current.GetProperty("createdDate").GetString());
        Assert.True(Updated(current) > Updated(first));
        ModelShapes.Check(earlier, "RegistrationSchema");
        Assert.Equal((0, "COMPLETED", "PASSED", 85.0), (earlier.GetProperty("instance").GetInt32(),
            earlier.GetProperty("registrationCompletion").GetString(), earlier.GetProperty("registrationSuccess").GetString(),
            earlier.GetProperty("score").GetProperty("scaled").GetDouble()));
        Assert.Single(earlier.GetProperty("activityDetails").GetProperty("children").EnumerateArray());
        ModelShapes.Check(list, "RegistrationListSchema");
        Assert.Equal([0, 1], Instances(list));
        Assert.False(list.TryGetProperty("more", out _));
        var registrations = await client.GetJsonAsync("registrations");
        Assert.Equal([1], Instances(registrations));
    }

    [Fact]
    public async Task Unknown_registrations_and_instances_are_404_and_a_non_numeric_instance_is_400()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;

        using var create = await client.PostAsync("registrations/missing/instances", null, Api.Ct);
        var list = await client.GetJsonAsync("registrations/missing/instances", HttpStatusCode.NotFound);
        var instance = await client.GetJsonAsync("registrations/reg-1/instances/1", HttpStatusCode.NotFound);
        var notNumber = await client.GetJsonAsync("registrations/reg-1/instances/latest", HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal("Could not find registration [missing]", (await create.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal("Could not find registration [missing]", list.GetProperty("message").GetString());
        Assert.Equal("Could not find instance [1] of registration [reg-1]", instance.GetProperty("message").GetString());
        ModelShapes.Check(notNumber, "MessageSchema");
    }

    [Fact]
    public async Task Launches_play_the_latest_instance_and_postbacks_name_the_instance_that_changed()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        var (server, client) = await WithRegistrationAsync(new
        {
            url = receiver.Url.ToString(), authType = "HTTPBASIC", userName = "u", password = "p", resultsFormat = "COURSE", legacy = false,
        });
        await using var serverScope = server;
        using var clientScope = client;
        var oldSession = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));

        await NewInstanceAsync(client);
        var newSession = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        await Api.CommitAsync(newSession, Api.Commit("scorm12-terminate.json"), terminate: true);
        var newPostback = JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement;
        // A session opened before the retake still writes to the instance it launched.
        await Api.CommitAsync(oldSession, Api.Commit("scorm12-commit.json").Replace("\"lesson_status\":\"passed\"", "\"lesson_status\":\"failed\"",
            StringComparison.Ordinal));
        var oldPostback = JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement;

        Assert.Equal((1, "PASSED"), (newPostback.GetProperty("instance").GetInt32(), newPostback.GetProperty("registrationSuccess").GetString()));
        Assert.Equal((0, "FAILED"), (oldPostback.GetProperty("instance").GetInt32(), oldPostback.GetProperty("registrationSuccess").GetString()));
        Assert.True(Updated(oldPostback) > Updated(newPostback), "updated increases across the registration's instances");
        var current = await client.GetJsonAsync("registrations/reg-1");
        Assert.Equal((1, "PASSED"), (current.GetProperty("instance").GetInt32(), current.GetProperty("registrationSuccess").GetString()));
        Assert.Equal("FAILED", (await client.GetJsonAsync("registrations/reg-1/instances/0")).GetProperty("registrationSuccess").GetString());
        Assert.Equal(1, (await client.GetJsonAsync("registrations/reg-1/instances/1")).GetProperty("activityDetails").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task The_instance_list_pages_with_more_alone_and_filters_on_updated()
    {
        var (server, client) = await WithRegistrationAsync(settings: s => s["Emulator:PageSize"] = "2");
        await using var serverScope = server;
        using var clientScope = client;
        using (await client.CreateRegistrationAsync("course-1", "reg-2")) { }
        await NewInstanceAsync(client);
        await NewInstanceAsync(client);
        var second = await client.GetJsonAsync("registrations/reg-1/instances/1");

        var first = await client.GetJsonAsync("registrations/reg-1/instances?includeRuntime=true");
        var more = Uri.EscapeDataString(first.GetProperty("more").GetString()!);
        var next = await client.GetJsonAsync($"registrations/reg-1/instances?more={more}");
        var withFilter = await client.GetJsonAsync($"registrations/reg-1/instances?more={more}&since=2000-01-01T00:00:00Z", HttpStatusCode.BadRequest);
        var otherRegistration = await client.GetJsonAsync($"registrations/reg-2/instances?more={more}", HttpStatusCode.BadRequest);
        var since = await client.GetJsonAsync(
            $"registrations/reg-1/instances?since={Uri.EscapeDataString(Updated(second).ToString("O", CultureInfo.InvariantCulture))}");
        var until = await client.GetJsonAsync(
            $"registrations/reg-1/instances?until={Uri.EscapeDataString(Updated(second).AddMilliseconds(-1).ToString("O", CultureInfo.InvariantCulture))}");

        Assert.Equal([0, 1], Instances(first));
        Assert.Equal([2], Instances(next));
        Assert.False(next.TryGetProperty("more", out _));
        ModelShapes.Check(withFilter, "MessageSchema");
        ModelShapes.Check(otherRegistration, "MessageSchema");
        Assert.Equal([1, 2], Instances(since));
        Assert.Equal([0], Instances(until));
    }

    [Fact]
    public async Task Reset_clears_only_the_current_instance_and_delete_removes_every_instance()
    {
        var (server, client) = await WithRegistrationAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await Api.CommitAsync(await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1")), Api.Commit("scorm12-terminate.json"), terminate: true);
        await NewInstanceAsync(client);
        await Api.CommitAsync(await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1")), Api.Commit("scorm12-terminate.json"), terminate: true);

        using (var reset = await client.DeleteAsync("registrations/reg-1/progress", Api.Ct)) Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var afterReset = await client.GetJsonAsync("registrations/reg-1/instances");
        using var delete = await client.DeleteAsync("registrations/reg-1", Api.Ct);

        Assert.Equal(["COMPLETED", "UNKNOWN"],
            afterReset.GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("registrationCompletion").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await client.GetJsonAsync("registrations/reg-1/instances", HttpStatusCode.NotFound);
        await client.GetJsonAsync("registrations/reg-1/instances/0", HttpStatusCode.NotFound);
        using var recreated = await client.CreateRegistrationAsync("course-1", "reg-1");
        var fresh = await client.GetJsonAsync("registrations/reg-1/instances");
        Assert.Equal([0], Instances(fresh));
    }
}
