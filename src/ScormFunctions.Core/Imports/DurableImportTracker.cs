using Microsoft.DurableTask.Client;
using ScormFunctions.Core.Durable;

namespace ScormFunctions.Core.Imports;

/// <summary><see cref="IImportTracker"/> over a Durable Task client: the one bound to a Functions trigger, or the in-process test engine's.</summary>
public sealed class DurableImportTracker(DurableTaskClient client, ImportTrackingSettings settings) : IImportTracker
{
    /// <summary>
    /// Singleton start: a running or finished instance is left alone; one that failed or was terminated is started
    /// again (the handler only asks while our import record still says running, so tracking is repaired).
    /// </summary>
    public Task StartAsync(ImportTrackingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DurableOrchestrationStarter(client).StartOnceAsync(
            ImportOrchestration.Name, ImportTracking.InstanceId(request.CourseId, request.ImportId),
            ImportTracking.InitialState(request, settings), cancellationToken);
    }

    public Task SignalAsync(string courseId, string importId, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(ImportTracking.InstanceId(courseId, importId), ImportTracking.PostbackEvent, importId, cancellationToken);
}
