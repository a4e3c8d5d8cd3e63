using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using ScormFunctions.Core.Events;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// A webhook subscriber inside the local host, for the sample app (Development environment and
/// <c>DevEvents:Inbox=true</c> only; <c>scripts/run.sh</c> sets it). It subscribes itself as webhook <c>dev-inbox</c>
/// with a secret made at start-up, verifies each delivery's signature as an LMS would, and keeps the last
/// <see cref="Capacity"/> events in memory: <c>POST /api/dev/events</c> receives, <c>GET /api/dev/events</c> (admin)
/// lists them, newest first.
/// </summary>
public sealed class DevEventInbox
{
    public const string EnabledKey = "DevEvents:Inbox";
    public const string SubscriberName = "dev-inbox";
    public const int Capacity = 100;
    private const int MaxBodyBytes = 64 * 1024;

    private readonly ConcurrentQueue<ReceivedEvent> received = new();

    public DevEventInbox(IConfiguration configuration) =>
        Key = WebhookSignature.ReadSecret(configuration[$"Events:Webhooks:{SubscriberName}:Secret"]);

    private byte[] Key { get; }

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() && configuration.GetValue<bool>(EnabledKey);

    /// <summary>Subscribes the inbox: its URL on this host (<c>App:PublicBaseUrl</c>) and a fresh secret.</summary>
    public static void Subscribe(ConfigurationManager configuration)
    {
        var baseUrl = (configuration["App:PublicBaseUrl"] ?? "http://127.0.0.1:7071").TrimEnd('/');
        configuration[$"Events:Webhooks:{SubscriberName}:Url"] = baseUrl + "/api/dev/events";
        configuration[$"Events:Webhooks:{SubscriberName}:Secret"] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>Received events, newest first.</summary>
    public IReadOnlyList<ReceivedEvent> Recent => [.. received.Reverse()];

    internal async Task<IResult> ReceiveAsync(HttpRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes) return Problems.BadRequest("The event is larger than 64 KiB.");
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        for (int read; length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0;) length += read;
        if (length > MaxBodyBytes) return Problems.BadRequest("The event is larger than 64 KiB.");
        var body = buffer.AsSpan(0, length).ToArray();
        var h = request.Headers;
        if (!WebhookSignature.Verify(Key, h[WebhookSignature.IdHeader], h[WebhookSignature.TimestampHeader], h[WebhookSignature.SignatureHeader],
                body, time.GetUtcNow(), TimeSpan.FromMinutes(5)))
        {
            return Problems.Unauthorized("The webhook signature does not verify.");
        }
        JsonElement cloudEvent;
        try
        {
            cloudEvent = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Problems.BadRequest("The body is not JSON.");
        }
        received.Enqueue(new ReceivedEvent(time.GetUtcNow(), cloudEvent));
        while (received.Count > Capacity) received.TryDequeue(out _);
        return Results.NoContent();
    }

    public sealed record ReceivedEvent(DateTimeOffset ReceivedAt, JsonElement Event);
}

/// <summary>The inbox's two routes (mapped only when it is enabled).</summary>
public static class DevEventInboxEndpoints
{
    public static void MapDevEventInbox(this IEndpointRouteBuilder api)
    {
        var dev = api.MapGroup("/dev/events").WithTags("Development");
        dev.MapPost("", (HttpRequest request, DevEventInbox inbox, TimeProvider time, CancellationToken ct) => inbox.ReceiveAsync(request, time, ct))
            .WithName("ReceiveDevelopmentEvent").WithSummary("The development webhook subscriber (Development only): verifies the signature, keeps the event.");
        dev.MapGet("", async (HttpRequest request, DevEventInbox inbox, AccessControl access, CancellationToken ct) =>
        {
            var auth = await access.RequireAdminAsync(request, ct);
            return auth.Allowed ? Results.Ok(inbox.Recent) : auth.Denied;
        }).WithName("ListDevelopmentEvents").WithSummary("Admin: the events the development subscriber received, newest first (Development only).");
    }
}
