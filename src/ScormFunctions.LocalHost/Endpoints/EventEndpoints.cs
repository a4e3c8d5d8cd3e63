using ScormFunctions.Core.Events;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Outbound result events — the same route the Functions shell declares.</summary>
public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events/outbox", (HttpRequest req, EventHandlers h, CancellationToken ct) => h.GetOutboxAsync(req, ct))
            .WithTags("Events").WithName("GetEventOutbox")
            .WithSummary("Admin: event subscribers and the events still waiting, with per-subscriber delivery state.");
    }
}
