using Microsoft.DurableTask.Client;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.FunctionApp.Imports;

/// <summary><see cref="IImportTracker"/> over the Durable client bound to the calling function.</summary>
public sealed class DurableImportTracker(DurableTaskClient client, ImportTrackingSettings settings) : IImportTracker
{
    /// <summary>Singleton start: an instance that exists (running or finished) is left alone.</summary>
    public async Task StartAsync(ImportTrackingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instanceId = ImportTracking.InstanceId(request.CourseId, request.ImportId);
        if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is not null) return;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ImportOrchestrator),
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
