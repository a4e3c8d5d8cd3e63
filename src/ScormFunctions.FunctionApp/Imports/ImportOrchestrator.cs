using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.FunctionApp.Imports;

/// <summary>The import orchestration (<see cref="ImportOrchestration"/>, in the core) as a Durable Functions orchestrator.</summary>
public static class ImportOrchestrator
{
    [Function(ImportOrchestration.Name)]
    public static Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ImportRunState state) =>
        ImportOrchestration.RunAsync(context, state);
}

/// <summary>The orchestration's activities: a line each over <see cref="ImportActivities"/>.</summary>
public sealed class ImportActivityFunctions(ImportActivities activities)
{
    [Function(ImportActivityNames.StartJob)]
    public Task<ImportObservation> StartImportJob([ActivityTrigger] ImportActivityInput input, CancellationToken cancellationToken) =>
        activities.StartJobAsync(input, cancellationToken);

    [Function(ImportActivityNames.PollJob)]
    public Task<ImportObservation> PollImportJob([ActivityTrigger] ImportActivityInput input, CancellationToken cancellationToken) =>
        activities.PollAsync(input, cancellationToken);

    [Function(ImportActivityNames.RecordOutcome)]
    public async Task<bool> RecordImportOutcome([ActivityTrigger] ImportOutcome outcome, CancellationToken cancellationToken)
    {
        await activities.RecordAsync(outcome, cancellationToken);
        return true;
    }
}
