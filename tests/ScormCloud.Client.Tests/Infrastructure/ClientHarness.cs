using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ScormCloud.Client.Tests.Infrastructure;

/// <summary>A client built the production way (DI + resilience) over a <see cref="FakeHttpHandler"/>.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string BaseUrl = "https://cloud.example.test/api/v2/";
    public const string AppId = "test-app";
    public const string SecretKey = "fake-secret-for-tests";

    public ClientHarness(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ScormCloud:BaseUrl"] = BaseUrl,
            ["ScormCloud:AppId"] = AppId,
            ["ScormCloud:SecretKey"] = SecretKey,
            ["ScormCloud:RetryBaseDelay"] = "00:00:00.001",
            ["ScormCloud:MaxRetryAttempts"] = "3",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddScormCloudClient(configuration.GetSection("ScormCloud")).ConfigurePrimaryHttpMessageHandler(() => Handler);
        configureServices?.Invoke(services);
        Services = services.BuildServiceProvider(validateScopes: true);
    }

    public FakeHttpHandler Handler { get; } = new();

    public ServiceProvider Services { get; }

    public ScormCloudClient Client => Services.GetRequiredService<ScormCloudClient>();

    public void Dispose() => Services.Dispose();
}
