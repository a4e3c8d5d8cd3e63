using System.Diagnostics;
using System.Net.Http.Json;
using ScormCloud.Client.Models;
using ScormFunctions.Testing;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>The client against the emulator's injected faults (500/503, 429 with Retry-After, latency).</summary>
public sealed class EmulatorFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SetFaultsAsync(EmulatorServer server, object faults)
    {
        using var http = server.CreateClient();
        using var response = await http.PostAsJsonAsync(new Uri(server.Origin, "/emulator/faults"), faults, Ct);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task IdempotentCallsSucceedThroughRandomServerErrorsAnd429s()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var emulator = new EmulatorClient(server, new Dictionary<string, string?> { ["ScormCloud:MaxRetryAttempts"] = "12" });
        await ImportPolling.UploadAsync(emulator.Client, "faulty", "synthetic_scorm12_minimal_autopass.zip", Ct);
        await SetFaultsAsync(server, new { errorRate = 0.3, tooManyRequestsRate = 0.2, retryAfterSeconds = 0 });

        for (var i = 0; i < 15; i++)
        {
            Assert.Equal("faulty", (await emulator.Client.GetCourseAsync("faulty", Ct)).Id);
            await emulator.Client.CreateRegistrationAsync(new CreateRegistrationRequest("faulty", $"f-{i}", new Learner("l")), Ct);
            Assert.True(await emulator.Client.RegistrationExistsAsync($"f-{i}", Ct));
            await emulator.Client.SetRegistrationConfigurationAsync($"f-{i}", [new RegistrationSettingValue("ApiRollupRegistrationFormat", "full")], Ct);
            await emulator.Client.DeleteRegistrationAsync($"f-{i}", Ct);
        }

        var failed = emulator.Attempts.Attempts.Count(a => a.Status is 429 or 500 or 503);
        Assert.True(failed > 0, "the emulator should have injected faults");
        Assert.True(emulator.Attempts.Attempts.Count > 75, "the failed attempts should have been retried");
    }

    [Fact]
    public async Task UploadIsNotRetriedUnderFaults()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:Faults:ErrorRate"] = "1");
        using var emulator = new EmulatorClient(server);
        await using var package = File.OpenRead(RepoPaths.Package("scorm12_golf_runtime_basic_calls_single_sco.zip"));

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => emulator.Client.CreateUploadImportJobAsync("no-retry", package, cancellationToken: Ct));

        Assert.True(error.Status is 500 or 503, $"status {error.Status}");
        Assert.Equal(1, emulator.Attempts.Count("POST", "/api/v2/courses/importJobs/upload"));
    }

    [Fact]
    public async Task FetchImportIsNotRetriedUnderFaults()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:Faults:ErrorRate"] = "1");
        using var emulator = new EmulatorClient(server);

        await Assert.ThrowsAsync<ScormCloudException>(() => emulator.Client.CreateFetchImportJobAsync(
            "no-retry", new Uri("http://127.0.0.1:9/p.zip"), cancellationToken: Ct));

        Assert.Equal(1, emulator.Attempts.Count("POST", "/api/v2/courses/importJobs"));
    }

    [Fact]
    public async Task GetGivesUpAfterMaxRetryAttempts()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:Faults:ErrorRate"] = "1");
        using var emulator = new EmulatorClient(server, new Dictionary<string, string?> { ["ScormCloud:MaxRetryAttempts"] = "2" });

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => emulator.Client.PingAsync(Ct));

        Assert.True(error.IsTransient);
        Assert.Equal("Internal server error (emulated fault).", error.ServiceMessage);
        Assert.Equal(3, emulator.Attempts.Attempts.Count);
    }

    [Fact]
    public async Task RetryAfterFromThe429IsHonoured()
    {
        await using var server = await EmulatorServer.StartAsync(s =>
        {
            s["Emulator:Faults:TooManyRequestsRate"] = "1";
            s["Emulator:Faults:RetryAfterSeconds"] = "2";
        });
        using var emulator = new EmulatorClient(server);

        var stopwatch = Stopwatch.StartNew();
        var ping = emulator.Client.PingAsync(Ct);
        while (emulator.Attempts.Attempts.Count == 0) await Task.Delay(TimeSpan.FromMilliseconds(10), Ct);
        await SetFaultsAsync(server, new { tooManyRequestsRate = 0 });
        await ping;

        Assert.Equal(429, emulator.Attempts.Attempts.First().Status);
        Assert.Equal(200, emulator.Attempts.Attempts.Last().Status);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(1900), $"retried after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task SlowServiceHitsTheTimeouts()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:Faults:Latency"] = "00:00:05");
        using var emulator = new EmulatorClient(server, new Dictionary<string, string?>
        {
            ["ScormCloud:AttemptTimeout"] = "00:00:00.300",
            ["ScormCloud:TotalTimeout"] = "00:00:02",
        });

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => emulator.Client.PingAsync(Ct));

        Assert.Equal(0, error.Status);
        Assert.True(error.IsTransient);
        Assert.True(emulator.Attempts.Attempts.Count >= 2, "attempt timeouts should have been retried");
    }
}
