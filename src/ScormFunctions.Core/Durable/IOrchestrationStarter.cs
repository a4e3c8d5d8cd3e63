using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ScormFunctions.Core.Durable;

/// <summary>
/// Starts an orchestration instance once: over the Durable client bound to a Functions trigger
/// (<see cref="DurableOrchestrationStarter"/>, also the in-process test engine's) or over the local host's Durable Task
/// Framework client. Handlers get it as a parameter because the Functions client is bound per call.
/// </summary>
public interface IOrchestrationStarter
{
    /// <summary>
    /// Starts <paramref name="orchestration"/> as <paramref name="instanceId"/> unless that instance exists and has not
    /// failed or been terminated (a failed one is started again: the caller only asks while its record says running).
    /// </summary>
    Task StartOnceAsync<TInput>(string orchestration, string instanceId, TInput input, CancellationToken cancellationToken);
}

/// <summary><see cref="IOrchestrationStarter"/> over a Durable Task SDK client.</summary>
public sealed class DurableOrchestrationStarter(DurableTaskClient client) : IOrchestrationStarter
{
    public async Task StartOnceAsync<TInput>(string orchestration, string instanceId, TInput input, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, false, cancellationToken);
        if (existing is not null
            && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestration, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent start won the race: fine. Anything else: rethrow.
            if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is null) throw;
        }
    }
}
