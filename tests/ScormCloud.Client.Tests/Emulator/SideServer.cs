using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScormFunctions.Testing;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>
/// A loopback web server beside the emulator: serves the shared test packages (<c>GET /packages/{name}</c>, for fetch
/// imports) and records postbacks (<c>POST /postback</c>).
/// </summary>
internal sealed class SideServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SideServer(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    public Uri Origin { get; }

    public ConcurrentQueue<ReceivedPostback> Postbacks { get; } = new();

    public Uri PackageUrl(string name) => new(Origin, "/packages/" + Uri.EscapeDataString(name));

    public Uri PostbackUrl => new(Origin, "/postback");

    public static async Task<SideServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        SideServer? server = null;
        app.MapGet("/packages/{name}", (string name) => Results.File(RepoPaths.Package(name), "application/zip"));
        app.MapPost("/postback", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            server!.Postbacks.Enqueue(new ReceivedPostback(request.ContentType, request.Headers.Authorization.ToString(), body));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new SideServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedPostback(string? ContentType, string Authorization, string Body);
