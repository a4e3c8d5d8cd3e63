using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ScormFunctions.LocalHost;
using ScormFunctions.Testing;

namespace ScormFunctions.Browser.Tests;

/// <summary>
/// The whole local system on 127.0.0.1, in-process: Azurite (shared, tables and containers prefixed per run), the SCORM
/// Cloud emulator on a free port, and the local host in Development on a free port, serving the sample SPA at
/// <c>/</c>. The SPA's origin is the host's origin, so it is the one entry of <c>App:AllowedOrigins</c>, which the
/// host's Azurite CORS service puts into the Blob service's CORS rule at start-up.
/// </summary>
public sealed class SpaSystem : IAsyncDisposable
{
    private readonly WebApplication app;

    private SpaSystem(WebApplication app, Uri baseUrl, EmulatorServer emulator)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Emulator = emulator;
        Client = new HttpClient { BaseAddress = baseUrl };
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the SPA, and the API under <c>api/</c>.</summary>
    public Uri BaseUrl { get; }

    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    public EmulatorServer Emulator { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<SpaSystem> StartAsync(string environment = "Development")
    {
        await Azurite.EnsureStartedAsync();
        var emulator = await EmulatorServer.StartAsync();
        try
        {
            var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
            var port = FreePort();
            var origin = $"http://127.0.0.1:{port}";
            var config = new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = Azurite.ConnectionString,
                ["Storage:TablePrefix"] = prefix,
                ["Storage:UploadsContainer"] = prefix + "-uploads",
                ["Storage:ArchiveContainer"] = prefix + "-postbacks",
                ["Registrations:ResultsContainer"] = prefix + "-results",
                ["Auth:Issuer"] = "https://scormfunctions.local/browser-tests",
                ["Auth:Audience"] = "api://scormfunctions-browser-tests",
                ["Auth:DevelopmentSigningKey"] = NewKey(),
                ["Signing:LaunchKey"] = NewKey(),
                ["Signing:PostbackKey"] = NewKey(),
                ["LocalData:Path"] = Path.Combine(Path.GetTempPath(), prefix),
                ["ScormCloud:BaseUrl"] = emulator.BaseUrl.ToString(),
                ["ScormCloud:AppId"] = emulator.AppId,
                ["ScormCloud:SecretKey"] = emulator.SecretKey,
                ["App:PublicBaseUrl"] = origin,
                ["App:AllowedOrigins"] = origin,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:ScormFunctions"] = "Information",
            };
            var app = LocalHostApp.Build(
                ["--urls", origin, "--environment", environment],
                b => b.Configuration.AddInMemoryCollection(config));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SpaSystem(app, new Uri(address.TrimEnd('/') + "/"), emulator);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>An API client with a development token, for checks behind the page's back.</summary>
    public async Task<HttpClient> ClientForAsync(string subject, params string[] roles)
    {
        var response = await Client.PostAsJsonAsync("api/dev/tokens", new { subject, roles });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private sealed record TokenBody(string Token);
}
