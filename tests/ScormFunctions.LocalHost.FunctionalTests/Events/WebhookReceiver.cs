using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ScormFunctions.Core.Events;

namespace ScormFunctions.LocalHost.FunctionalTests.Events;

/// <summary>
/// An LMS's webhook endpoint: Kestrel on a fixed free 127.0.0.1 port that can be stopped (nothing listening) and
/// started again, or made to answer an error. Verifies every delivery's signature as an LMS would and records it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? app;

    public WebhookReceiver()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks/lms?token=not-for-logs");

    public string Secret { get; } = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>What the endpoint answers; anything but 2xx is a failed delivery.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.NoContent;

    /// <summary>Deliveries answered 2xx, in arrival order.</summary>
    public ConcurrentQueue<Delivery> Accepted { get; } = new();

    /// <summary>Every request, whatever it was answered.</summary>
    public int Requests => requests;

    private int requests;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartListeningAsync();
        return receiver;
    }

    public async Task StartListeningAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        web.MapPost("/hooks/lms", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref requests);
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            if ((int)Answer >= 300) return Results.StatusCode((int)Answer);
            var body = buffer.ToArray();
            var valid = WebhookSignature.Verify(WebhookSignature.ReadSecret(Secret), request.Headers["webhook-id"], request.Headers["webhook-timestamp"],
                request.Headers["webhook-signature"], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            Accepted.Enqueue(new Delivery(request.Headers["webhook-id"].ToString(), valid, request.ContentType, JsonDocument.Parse(body).RootElement.Clone()));
            return Results.StatusCode((int)Answer);
        });
        await web.StartAsync();
        app = web;
    }

    public async Task StopListeningAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    /// <summary>Waits until <paramref name="count"/> deliveries were accepted (fails after <paramref name="timeoutMs"/>).</summary>
    public async Task<List<Delivery>> WaitForAsync(int count, int timeoutMs = 20000)
    {
        var started = Environment.TickCount64;
        while (Accepted.Count < count)
        {
            Assert.True(Environment.TickCount64 - started < timeoutMs, $"Timed out: {Accepted.Count} of {count} events arrived.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return [.. Accepted];
    }

    public ValueTask DisposeAsync() => new(StopListeningAsync());

    /// <summary>One accepted delivery: the <c>webhook-id</c>, whether its signature verified, and the CloudEvent.</summary>
    public sealed record Delivery(string WebhookId, bool SignatureValid, string? ContentType, JsonElement Event)
    {
        public JsonElement Data => Event.GetProperty("data");

        public string RegistrationId => Data.GetProperty("registrationId").GetString()!;

        public long Sequence => Data.GetProperty("sequence").GetInt64();

        public string EffectiveCompletion => Data.GetProperty("effective").GetProperty("completion").GetString()!;

        public string Id => Event.GetProperty("id").GetString()!;
    }
}
