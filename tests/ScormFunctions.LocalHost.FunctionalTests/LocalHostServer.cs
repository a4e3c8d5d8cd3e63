using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ScormFunctions.LocalHost;
using ScormFunctions.Testing;

namespace ScormFunctions.LocalHost.FunctionalTests;

/// <summary>
/// The local host on a free 127.0.0.1 port (real Kestrel, real HTTP), against Azurite with a table prefix of
/// its own. Settings can be overridden per test class.
/// </summary>
public sealed class LocalHostServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHostServer(WebApplication app, Uri baseUrl, string tablePrefix)
    {
        this.app = app;
        BaseUrl = baseUrl;
        TablePrefix = tablePrefix;
        Client = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public string TablePrefix { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<LocalHostServer> StartAsync(
        IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        await Azurite.EnsureStartedAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var config = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Storage:UploadsContainer"] = prefix + "-uploads",
            ["Storage:ArchiveContainer"] = prefix + "-postbacks",
            ["Auth:Issuer"] = "https://scormfunctions.local/test",
            ["Auth:Audience"] = "api://scormfunctions-test",
            ["Auth:DevelopmentSigningKey"] = NewKey(),
            ["Signing:LaunchKey"] = NewKey(),
            ["Signing:PostbackKey"] = NewKey(),
            ["LocalData:Path"] = Path.Combine(Path.GetTempPath(), prefix),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var app = LocalHostApp.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", environment],
            b => b.Configuration.AddInMemoryCollection(config));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalHostServer(app, new Uri(address.TrimEnd('/') + "/"), prefix);
    }

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
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private sealed record TokenBody(string Token);
}
