using DurableTask.Core;
using DurableTask.Core.Exceptions;
using ScormFunctions.Core.Durable;

namespace ScormFunctions.LocalHost.Durable;

/// <summary>
/// The local host's <see cref="IOrchestrationStarter"/>: the same start-once rule as the Functions app's
/// <see cref="DurableOrchestrationStarter"/>, over the local Durable Task Framework client.
/// </summary>
public sealed class LocalOrchestrationStarter(LocalDurableEngine engine) : IOrchestrationStarter
{
    // An instance in any of these states is left alone; a failed or terminated one is started again.
    private static readonly OrchestrationStatus[] Dedupe =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Completed];

    public async Task StartOnceAsync<TInput>(string orchestration, string instanceId, TInput input, CancellationToken cancellationToken)
    {
        await engine.WhenReadyAsync(cancellationToken);
        var existing = await engine.Client.GetOrchestrationStateAsync(instanceId);
        if (existing is not null && Dedupe.Contains(existing.OrchestrationStatus)) return;
        try
        {
            await engine.Client.CreateOrchestrationInstanceAsync(orchestration, string.Empty, instanceId, input, tags: null, Dedupe);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // A concurrent start won the race: fine.
        }
    }
}
