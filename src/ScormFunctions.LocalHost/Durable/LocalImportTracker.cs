using DurableTask.Core;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.LocalHost.Durable;

/// <summary>
/// The local host's <see cref="IImportTracker"/>: the same singleton start and postback event as the Functions app's
/// <see cref="DurableImportTracker"/>, over the local Durable Task Framework client (no DurableTaskClient is available
/// over DTFx, so this one speaks <see cref="TaskHubClient"/>).
/// </summary>
public sealed class LocalImportTracker(
    LocalDurableEngine engine, LocalOrchestrationStarter starter, IOptions<ImportOptions> options, ILogger<LocalImportTracker> logger) : IImportTracker
{
    public async Task StartAsync(ImportTrackingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instanceId = ImportTracking.InstanceId(request.CourseId, request.ImportId);
        await starter.StartOnceAsync(
            ImportOrchestration.Name, instanceId, ImportTracking.InitialState(request, options.Value.ToTrackingSettings()), cancellationToken);
        logger.LogInformation("Import {ImportId} of course {CourseId}: orchestration {InstanceId} tracked on hub {TaskHub}",
            request.ImportId, request.CourseId, instanceId, engine.TaskHubName);
    }

    public async Task SignalAsync(string courseId, string importId, CancellationToken cancellationToken)
    {
        await engine.WhenReadyAsync(cancellationToken);
        await engine.Client.RaiseEventAsync(
            new OrchestrationInstance { InstanceId = ImportTracking.InstanceId(courseId, importId) }, ImportTracking.PostbackEvent, importId);
    }
}
