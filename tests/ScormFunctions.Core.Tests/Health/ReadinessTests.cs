using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using ScormCloud.Client;
using ScormFunctions.Core.Health;

namespace ScormFunctions.Core.Tests.Health;

/// <summary>GET /api/health over the platform's <see cref="HealthCheckService"/>: which checks run, the body, the timeout.</summary>
public sealed class ReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Status, JsonElement Body)> ReadinessAsync(Action<IHealthChecksBuilder> checks)
    {
        var services = new ServiceCollection().AddLogging();
        checks(services.AddHealthChecks());
        services.AddSingleton<HealthHandler>();
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Response.Body = new MemoryStream();

        var result = await provider.GetRequiredService<HealthHandler>().GetAsync(context.Request, Ct);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, (await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: Ct)).RootElement.Clone());
    }

    private static IHealthChecksBuilder Ready(IHealthChecksBuilder builder, string name, Func<CancellationToken, Task<HealthCheckResult>> check) =>
        builder.AddAsyncCheck(name, check, tags: [ReadinessChecks.Tag], timeout: ReadinessChecks.Timeout);

    [Fact]
    public async Task AllReadyChecksHealthyIs200()
    {
        var (status, body) = await ReadinessAsync(b => Ready(Ready(b, "storage", _ => Task.FromResult(HealthCheckResult.Healthy())),
            "scormCloud", _ => Task.FromResult(HealthCheckResult.Healthy())));

        Assert.Equal(200, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("down").EnumerateArray());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("scormCloud").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnUnhealthyCheckIs503NamingItWithItsDetail()
    {
        var (status, body) = await ReadinessAsync(b => Ready(Ready(b, "storage", _ => Task.FromResult(HealthCheckResult.Unhealthy("Table storage answered 403 (AuthorizationFailure)."))),
            "scormCloud", _ => Task.FromResult(HealthCheckResult.Healthy())));

        Assert.Equal(503, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal(["storage"], body.GetProperty("down").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Table storage answered 403 (AuthorizationFailure).", body.GetProperty("checks").GetProperty("storage").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OnlyChecksTaggedReadyRun()
    {
        var untaggedRan = false;
        var (status, body) = await ReadinessAsync(b => Ready(b, "storage", _ => Task.FromResult(HealthCheckResult.Healthy()))
            .AddCheck("other", () => { untaggedRan = true; return HealthCheckResult.Unhealthy("not part of readiness"); }));

        Assert.Equal(200, status);
        Assert.False(untaggedRan);
        Assert.False(body.GetProperty("checks").TryGetProperty("other", out _));
    }

    [Fact]
    public async Task ACheckWithoutAnAnswerWithinTheTimeoutIsDown()
    {
        var started = TimeProvider.System.GetTimestamp();
        var (status, body) = await ReadinessAsync(b => Ready(b, "scormCloud", async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return HealthCheckResult.Healthy();
        }));

        Assert.Equal(503, status);
        Assert.Equal("No answer within 5 s.", body.GetProperty("checks").GetProperty("scormCloud").GetProperty("detail").GetString());
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), ReadinessChecks.Timeout - TimeSpan.FromMilliseconds(100), ReadinessChecks.Timeout * 3);
    }

    [Fact]
    public async Task AThrowingCheckIsDownWithoutShowingTheExceptionMessage()
    {
        var (status, body) = await ReadinessAsync(b => Ready(b, "storage", _ => throw new InvalidOperationException("secret=hunter2")));

        Assert.Equal(503, status);
        Assert.Equal("The check failed (InvalidOperationException).", body.GetProperty("checks").GetProperty("storage").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheScormCloudCheckPingsOncePerCacheWindow()
    {
        var cloud = Substitute.For<ScormCloudClient>();
        cloud.PingAsync(Arg.Any<CancellationToken>()).Returns(ScormCloudModelFactory.PingResult());
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var check = new ScormCloudHealthCheck(cloud, Options.Create(new HealthOptions()), time);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => check.CheckHealthAsync(new HealthCheckContext(), Ct)));
        time.Advance(TimeSpan.FromSeconds(29));
        await check.CheckHealthAsync(new HealthCheckContext(), Ct);
        await cloud.Received(1).PingAsync(Arg.Any<CancellationToken>());

        cloud.PingAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new ScormCloudException(401, null, "unauthorized"));
        time.Advance(TimeSpan.FromSeconds(2));
        var after = await check.CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.All(results, r => Assert.Equal(HealthStatus.Healthy, r.Status));
        Assert.Equal(HealthStatus.Unhealthy, after.Status);
        Assert.Contains("401", after.Description, StringComparison.Ordinal);
        await cloud.Received(2).PingAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public void TheCoreRegistersStorageAndScormCloudAsReadinessChecksAndOneScormCloudCheck()
    {
        using var provider = new ServiceCollection().AddLogging().AddReadinessChecks().BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(["storage", "scormCloud"], registrations.Select(r => r.Name));
        Assert.All(registrations, r => Assert.Contains(ReadinessChecks.Tag, r.Tags));
        Assert.All(registrations, r => Assert.Equal(ReadinessChecks.Timeout, r.Timeout));
        Assert.Contains(new ServiceCollection().AddReadinessChecks(), d => d.ServiceType == typeof(ScormCloudHealthCheck) && d.Lifetime == ServiceLifetime.Singleton);
    }
}
