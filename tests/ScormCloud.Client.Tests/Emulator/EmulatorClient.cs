using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Testing;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>A <see cref="ScormCloudClient"/> registered the production way, pointed at an <see cref="EmulatorServer"/>.</summary>
internal sealed class EmulatorClient : IDisposable
{
    private readonly ServiceProvider _services;

    public EmulatorClient(EmulatorServer server, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ScormCloud:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            ["ScormCloud:AppId"] = server.AppId,
            ["ScormCloud:SecretKey"] = server.SecretKey,
            ["ScormCloud:RetryBaseDelay"] = "00:00:00.010",
            ["ScormCloud:AttemptTimeout"] = "00:00:30",
            ["ScormCloud:TotalTimeout"] = "00:01:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddScormCloudClient(configuration.GetSection("ScormCloud")).AddHttpMessageHandler(() => Attempts.CreateHandler());
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<ScormCloudClient>();
    }

    public ScormCloudClient Client { get; }

    public AttemptLog Attempts { get; } = new();

    public void Dispose() => _services.Dispose();
}
