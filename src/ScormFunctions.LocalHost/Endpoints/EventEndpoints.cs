using ScormFunctions.Core.Events;
using ScormFunctions.Core.Http;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Outbound result events — mapped from the core's route table, like the Functions shell's trigger.</summary>
public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapApi(ApiEndpoints.GetEventOutbox, (HttpRequest req, EventHandlers h, CancellationToken ct) => h.GetOutboxAsync(req, ct))
            .WithTags("Events")
            .WithSummary("Admin: event subscribers and the events still waiting, with per-subscriber delivery state.");
    }
}
