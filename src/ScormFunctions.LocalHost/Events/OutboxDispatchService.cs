using Microsoft.Extensions.Options;
using ScormFunctions.Core.Events;

namespace ScormFunctions.LocalHost.Events;

/// <summary>
/// Runs <see cref="OutboxDispatcher.DispatchOnceAsync"/> every <c>Events:PollInterval</c>, at once when a write in this
/// process signals a new event, and back to back while a pass finds more than it can take (the Functions app uses a
/// timer trigger). Does nothing when no subscriber is configured.
/// </summary>
public sealed class OutboxDispatchService(
    OutboxDispatcher dispatcher, EventSubscribers subscribers, OutboxSignal signal, IOptions<EventOptions> options,
    ILogger<OutboxDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (subscribers.All.Count == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = (await dispatcher.DispatchOnceAsync(stoppingToken)).More;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Event dispatch pass failed; next try in {Interval}", options.Value.PollInterval);
            }
            if (!more) await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }
}
