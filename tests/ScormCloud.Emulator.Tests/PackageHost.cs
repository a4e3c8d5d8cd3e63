using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ScormCloud.Emulator.Tests;

/// <summary>Serves one file on 127.0.0.1 (stands in for an Azurite SAS URL in fetch-import tests).</summary>
public sealed class PackageHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private PackageHost(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PackageHost> StartAsync(string path)
    {
        var (app, origin) = await LoopbackApp.StartAsync(a => a.MapGet("/container/package.zip", () => Results.File(path, "application/zip")));
        return new PackageHost(app, new Uri(origin, "/container/package.zip?sv=2024-01-01&sig=fake"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
