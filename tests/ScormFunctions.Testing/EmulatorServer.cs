using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScormCloud.Emulator;

namespace ScormFunctions.Testing;

/// <summary>
/// The SCORM Cloud emulator hosted in-process on a free 127.0.0.1 port, with in-memory settings
/// (<c>Emulator:ImportDuration</c> = 0 unless overridden). Dispose to stop it.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private EmulatorServer(WebApplication app, Uri origin, string appId, string secretKey)
    {
        this.app = app;
        Origin = origin;
        BaseUrl = new Uri(origin, "/api/v2/");
        AppId = appId;
        SecretKey = secretKey;
    }

    /// <summary><c>http://127.0.0.1:{port}/api/v2/</c> (trailing slash: relative URIs like <c>courses/x</c> resolve under it).</summary>
    public Uri BaseUrl { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public Uri Origin { get; }

    public string AppId { get; }

    public string SecretKey { get; }

    /// <summary>The emulator's services, for tests that need to look inside.</summary>
    public IServiceProvider Services => app.Services;

    /// <param name="settings">Edit the configuration, e.g. <c>s => s["Emulator:PageSize"] = "2"</c>.</param>
    /// <param name="configure">Further host changes, e.g. replacing the <see cref="TimeProvider"/>.</param>
    public static async Task<EmulatorServer> StartAsync(
        Action<IDictionary<string, string?>>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Emulator:ImportDuration"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        settings?.Invoke(values);
        var app = EmulatorApp.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(values);
            configure?.Invoke(b);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var config = app.Services.GetRequiredService<IConfiguration>();
        return new EmulatorServer(app, new Uri(address), config["Emulator:AppId"] ?? "emulator-app",
            config["Emulator:SecretKey"] ?? "emulator-secret");
    }

    /// <summary>An HttpClient on <see cref="BaseUrl"/> with the Basic credentials set.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AppId}:{SecretKey}")));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
