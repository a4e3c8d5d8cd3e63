using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Events;

namespace ScormFunctions.FunctionApp.Events;

/// <summary>Outbound result events: the outbox read endpoint, and the dispatcher every 5 seconds (the local host polls every second and on each write).</summary>
public sealed class EventFunctions(EventHandlers handlers, OutboxDispatcher dispatcher)
{
    [Function(nameof(GetEventOutbox))]
    public Task<IResult> GetEventOutbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events/outbox")] HttpRequest req,
        CancellationToken cancellationToken) =>
        handlers.GetOutboxAsync(req, cancellationToken);

    [Function(nameof(DispatchEvents))]
    public async Task DispatchEvents([TimerTrigger("*/5 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await dispatcher.DispatchOnceAsync(cancellationToken);
    }
}
