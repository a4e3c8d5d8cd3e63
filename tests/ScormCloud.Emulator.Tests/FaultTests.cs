using System.Net;
using System.Net.Http.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task TooManyRequestsRateOneAnswers429WithRetryAfter()
    {
        await using var server = await EmulatorServer.StartAsync(s =>
        {
            s["Emulator:Faults:TooManyRequestsRate"] = "1";
            s["Emulator:Faults:RetryAfterSeconds"] = "7";
        });
        using var client = server.CreateClient();

        using var response = await client.GetAsync("ping", Api.Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.True((await response.JsonAsync()).TryGetProperty("message", out _));
    }

    [Fact]
    public async Task ErrorRateOneAnswers500Or503WithMessage()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:Faults:ErrorRate"] = "1");
        using var client = server.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("ping", Api.Ct);
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable });
            Assert.False(string.IsNullOrEmpty((await response.JsonAsync()).GetProperty("message").GetString()));
        }
    }

    [Fact]
    public async Task FaultsCanBeSwitchedAtRunTimeAndSpareNonApiPaths()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        var faults = new Uri(server.Origin, "/emulator/faults");

        using var on = await client.PostAsJsonAsync(faults, new { errorRate = 1.0 }, Api.Ct);
        using var failing = await client.GetAsync("ping", Api.Ct);
        var current = await client.GetJsonAsync(faults.ToString());
        using var off = await client.PostAsJsonAsync(faults, new { errorRate = 0.0 }, Api.Ct);
        using var working = await client.GetAsync("ping", Api.Ct);

        Assert.Equal(HttpStatusCode.NoContent, on.StatusCode);
        Assert.True((int)failing.StatusCode >= 500);
        Assert.Equal(1.0, current.GetProperty("errorRate").GetDouble());
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Equal(HttpStatusCode.OK, working.StatusCode);
    }

    [Fact]
    public async Task FaultSwitchNeedsBasicAuth()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var anonymous = new HttpClient();

        using var response = await anonymous.PostAsJsonAsync(new Uri(server.Origin, "/emulator/faults"), new { errorRate = 1.0 }, Api.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task LatencyDelaysCalls()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:Faults:Latency"] = "00:00:00.300");
        using var client = server.CreateClient();

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.GetAsync("ping", Api.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(280));
    }
}
