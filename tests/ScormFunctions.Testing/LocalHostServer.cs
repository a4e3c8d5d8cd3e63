using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScormFunctions.LocalHost;

namespace ScormFunctions.Testing;

/// <summary>
/// The local host on a free 127.0.0.1 port (real Kestrel, real HTTP), against Azurite with a table prefix of
/// its own and, unless a test passes its own, an in-process SCORM Cloud emulator. Settings can be overridden.
/// </summary>
public sealed class LocalHostServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly EmulatorServer? ownedEmulator;

    private LocalHostServer(WebApplication app, Uri baseUrl, string tablePrefix, EmulatorServer? emulator, bool ownsEmulator)
    {
        this.app = app;
        Emulator = emulator;
        ownedEmulator = ownsEmulator ? emulator : null;
        BaseUrl = baseUrl;
        TablePrefix = tablePrefix;
        Client = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>: the origin of the API and of the sample SPA it serves.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    public string TablePrefix { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The emulator this host talks to (null when a test pointed ScormCloud:* elsewhere).</summary>
    public EmulatorServer? Emulator { get; }

    public static async Task<LocalHostServer> StartAsync(
        IDictionary<string, string?>? settings = null, string environment = "Development", EmulatorServer? emulator = null,
        Action<IServiceCollection>? services = null, int? port = null, bool blobCors = false)
    {
        await Azurite.EnsureStartedAsync();
        var ownsEmulator = emulator is null && settings?.ContainsKey("ScormCloud:BaseUrl") != true;
        if (ownsEmulator) emulator = await EmulatorServer.StartAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var config = IsolatedSettings(prefix);
        if (emulator is not null)
        {
            config["ScormCloud:BaseUrl"] = emulator.BaseUrl.ToString();
            config["ScormCloud:AppId"] = emulator.AppId;
            config["ScormCloud:SecretKey"] = emulator.SecretKey;
        }
        // A free port chosen up front, so App:PublicBaseUrl (postback and launch URLs) is this server's real URL.
        port ??= FreePort();
        config["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        // The sample SPA is served from this origin. Only hosts that serve a browser add it to Azurite's Blob CORS
        // (blobCors): the rule is shared by every host and keeps the newest origins, so API-only test hosts would push
        // a browser test's origin out of it mid-test.
        config["App:AllowedOrigins"] = $"http://127.0.0.1:{port}";
        config[ScormFunctions.LocalHost.Development.AzuriteCorsExtensions.EnabledKey] = blobCors ? "true" : "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        // A task hub of its own (hosts restarted on the same tables share it), one partition: quick to create.
        config.TryAdd("Durable:TaskHubName", config["Storage:TablePrefix"] + "Hub");
        config.TryAdd("Durable:PartitionCount", "1");

        var app = LocalHostApp.Build(
            ["--urls", $"http://127.0.0.1:{port}", "--environment", environment],
            b =>
            {
                b.Configuration.AddInMemoryCollection(config);
                if (Environment.GetEnvironmentVariable("SF_TEST_LOG") is { } log) b.Logging.AddProvider(new FileLogProvider(log));
                services?.Invoke(b.Services);
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalHostServer(app, new Uri(address.TrimEnd('/') + "/"), prefix, emulator, ownsEmulator);
    }

    /// <summary>
    /// Azurite with tables and containers named by <paramref name="prefix"/> (never another test's), fresh signing keys,
    /// the test issuer and audience, local data of its own: what every test host needs before its own settings.
    /// </summary>
    public static Dictionary<string, string?> IsolatedSettings(string prefix) => new()
    {
        ["Storage:ConnectionString"] = Azurite.ConnectionString,
        ["Storage:TablePrefix"] = prefix,
        ["Storage:UploadsContainer"] = prefix + "-uploads",
        ["Storage:ArchiveContainer"] = prefix + "-postbacks",
        ["Registrations:ResultsContainer"] = prefix + "-results",
        ["Auth:Issuer"] = "https://scormfunctions.local/test",
        ["Auth:Audience"] = "api://scormfunctions-test",
        ["Auth:DevelopmentSigningKey"] = NewKey(),
        ["Signing:LaunchKey"] = NewKey(),
        ["Signing:PostbackKey"] = NewKey(),
        ["LocalData:Path"] = Path.Combine(Path.GetTempPath(), prefix),
    };

    /// <summary>A development token from the host's own endpoint.</summary>
    public async Task<string> TokenAsync(string subject, params string[] roles)
    {
        var response = await Client.PostAsJsonAsync("api/dev/tokens", new { subject, roles });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body!.Token;
    }

    public async Task<HttpClient> ClientForAsync(string subject, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(subject, roles));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownedEmulator is not null) await ownedEmulator.DisposeAsync();
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
