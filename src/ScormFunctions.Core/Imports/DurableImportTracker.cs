using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ScormFunctions.Core.Imports;

/// <summary><see cref="IImportTracker"/> over a Durable Task client: the one bound to a Functions trigger, or the in-process test engine's.</summary>
public sealed class DurableImportTracker(DurableTaskClient client, ImportTrackingSettings settings) : IImportTracker
{
    /// <summary>
    /// Singleton start: a running or finished instance is left alone; one that failed or was terminated is started
    /// again (the handler only asks while our import record still says running, so tracking is repaired).
    /// </summary>
    public async Task StartAsync(ImportTrackingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instanceId = ImportTracking.InstanceId(request.CourseId, request.ImportId);
        var existing = await client.GetInstanceAsync(instanceId, false, cancellationToken);
        if (existing is not null
            && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                ImportOrchestration.Name,
                ImportTracking.InitialState(request, settings),
                new StartOrchestrationOptions { InstanceId = instanceId },
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent start won the race: fine. Anything else: rethrow.
            if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is null) throw;
        }
    }

    public Task SignalAsync(string courseId, string importId, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(ImportTracking.InstanceId(courseId, importId), ImportTracking.PostbackEvent, importId, cancellationToken);
}
