using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ScormCloud.Emulator.Tests;

/// <summary>A tiny Kestrel receiver on 127.0.0.1 that records every POST and answers with queued status codes (then 200).</summary>
public sealed class PostbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<Received> received = Channel.CreateUnbounded<Received>();

    public sealed record Received(string Path, string? ContentType, string? Authorization, string Body, DateTimeOffset At);

    private PostbackReceiver(WebApplication app) => this.app = app;

    /// <summary>Status codes for the next requests, in order; 200 when empty.</summary>
    public ConcurrentQueue<int> Responses { get; } = new();

    public Uri Url { get; private init; } = null!;

    public static async Task<PostbackReceiver> StartAsync()
    {
        PostbackReceiver? receiver = null;
        var (app, origin) = await LoopbackApp.StartAsync(a => a.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            await receiver!.received.Writer.WriteAsync(new Received(request.Path, request.ContentType,
                request.Headers.Authorization, body, DateTimeOffset.UtcNow));
            var status = receiver.Responses.TryDequeue(out var s) ? s : 200;
            return status is >= 300 and < 400 ? Results.Redirect("https://elsewhere.example.org/") : Results.StatusCode(status);
        }));
        receiver = new PostbackReceiver(app) { Url = new Uri(origin, "/postback") };
        return receiver;
    }

    /// <summary>The next request, or a timeout failure.</summary>
    public async Task<Received> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        return await received.Reader.ReadAsync(cts.Token);
    }

    /// <summary>True when nothing more arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> QuietForAsync(TimeSpan wait)
    {
        await Task.Delay(wait, TestContext.Current.CancellationToken);
        return !received.Reader.TryPeek(out _);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
