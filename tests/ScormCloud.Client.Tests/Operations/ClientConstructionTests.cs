using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSubstitute;
using ScormCloud.Client.Models;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

public sealed class ClientConstructionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DirectConstructionWorksWithoutDependencyInjection()
    {
        var handler = new FakeHttpHandler().Enqueue(HttpStatusCode.OK, """{"apiMessage":"up"}""");
        using var httpClient = new HttpClient(handler);
        var client = new ScormCloudClient(httpClient, Options.Create(new ScormCloudClientOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:5999/api/v2"),
            AppId = "a",
            SecretKey = "fake",
        }));

        await client.PingAsync(Ct);

        Assert.Equal("http://127.0.0.1:5999/api/v2/ping", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void DirectConstructionRejectsMissingCredentials()
    {
        using var httpClient = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new ScormCloudClient(httpClient, Options.Create(new ScormCloudClientOptions())));

        Assert.Contains("ScormCloud:AppId is required.", error.Message, StringComparison.Ordinal);
        Assert.Contains("ScormCloud:SecretKey is required.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingConfigurationFailsValidationNamingTheKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ScormCloud:AttemptTimeout"] = "00:00:00" })
            .Build();
        var services = new ServiceCollection();
        services.AddScormCloudClient(configuration.GetSection("ScormCloud"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ScormCloudClient>());

        Assert.Contains("ScormCloud:AppId is required.", error.Failures);
        Assert.Contains("ScormCloud:SecretKey is required.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("ScormCloud:AttemptTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void OptionsBindFromConfiguration()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?>
        {
            ["ScormCloud:UploadTimeout"] = "02:00:00",
            ["ScormCloud:MaxRetryAttempts"] = "7",
        });

        var options = harness.Services.GetRequiredService<IOptions<ScormCloudClientOptions>>().Value;

        Assert.Equal(new Uri(ClientHarness.BaseUrl), options.BaseUrl);
        Assert.Equal(TimeSpan.FromHours(2), options.UploadTimeout);
        Assert.Equal(7, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TotalTimeout);
    }

    [Fact]
    public async Task SecretAndAuthorizationHeaderAreNeverLogged()
    {
        var logs = new CapturingLoggerProvider();
        using var harness = new ClientHarness(configureServices: services =>
            services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        harness.Handler.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(HttpStatusCode.OK, """{"apiMessage":"up"}""");

        await harness.Client.PingAsync(Ct);

        var authorization = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientHarness.AppId}:{ClientHarness.SecretKey}"));
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(ClientHarness.SecretKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisteringTwiceDoesNotMultiplyRetries()
    {
        var other = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Other:AppId"] = "x", ["Other:SecretKey"] = "y" })
            .Build();
        using var harness = new ClientHarness(configureServices: services => services.AddScormCloudClient(other.GetSection("Other")));
        harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAsync<ScormCloudException>(() => harness.Client.PingAsync(Ct));

        Assert.Equal(1 + 3, harness.Handler.Requests.Count);
        Assert.Equal(ClientHarness.AppId, harness.Services.GetRequiredService<IOptions<ScormCloudClientOptions>>().Value.AppId);
    }

    [Fact]
    public async Task ClientCanBeMocked()
    {
        var client = Substitute.For<ScormCloudClient>();
        client.GetCourseAsync("c1", Arg.Any<CancellationToken>())
            .Returns(ScormCloudModelFactory.Course("c1", "Golf", 1, LearningStandard.Scorm12));

        var course = await client.GetCourseAsync("c1", Ct);

        Assert.Equal(LearningStandard.Scorm12, course.CourseLearningStandard);
    }
}
