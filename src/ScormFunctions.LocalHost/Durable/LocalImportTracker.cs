using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.LocalHost.Durable;

/// <summary>
/// The local host's <see cref="IImportTracker"/>: the same singleton start and postback event as the Functions app's
/// <see cref="DurableImportTracker"/>, over the local Durable Task Framework client (no DurableTaskClient is available
/// over DTFx, so this one speaks <see cref="TaskHubClient"/>).
/// </summary>
public sealed class LocalImportTracker(LocalDurableEngine engine, IOptions<ImportOptions> options, ILogger<LocalImportTracker> logger) : IImportTracker
{
    // An instance in any of these states is left alone; a failed or terminated one is started again.
    private static readonly OrchestrationStatus[] Dedupe =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Completed];

    public async Task StartAsync(ImportTrackingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await engine.WhenReadyAsync(cancellationToken);
        var instanceId = ImportTracking.InstanceId(request.CourseId, request.ImportId);
        var existing = await engine.Client.GetOrchestrationStateAsync(instanceId);
        if (existing is not null && Dedupe.Contains(existing.OrchestrationStatus)) return;
        try
        {
            await engine.Client.CreateOrchestrationInstanceAsync(
                ImportOrchestration.Name, string.Empty, instanceId,
                ImportTracking.InitialState(request, options.Value.ToTrackingSettings()), tags: null, Dedupe);
            logger.LogInformation("Import {ImportId} of course {CourseId}: orchestration {InstanceId} started on hub {TaskHub}",
                request.ImportId, request.CourseId, instanceId, engine.TaskHubName);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // A concurrent start won the race: fine.
        }
    }

    public async Task SignalAsync(string courseId, string importId, CancellationToken cancellationToken)
    {
        await engine.WhenReadyAsync(cancellationToken);
        await engine.Client.RaiseEventAsync(
            new OrchestrationInstance { InstanceId = ImportTracking.InstanceId(courseId, importId) }, ImportTracking.PostbackEvent, importId);
    }
}
