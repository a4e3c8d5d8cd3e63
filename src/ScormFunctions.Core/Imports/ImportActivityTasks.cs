using ScormFunctions.Core.Durable;

namespace ScormFunctions.Core.Imports;

/// <summary>Names of the import orchestration's activities (the Functions activity functions carry the same names).</summary>
public static class ImportActivityNames
{
    public const string StartJob = "StartImportJob";
    public const string PollJob = "PollImportJob";
    public const string RecordOutcome = "RecordImportOutcome";
}

/// <summary>
/// The import orchestration and its activities, a line each over <see cref="ImportActivities"/>: run by the Durable Task
/// Framework in the local host (through the SDK's shims). The Functions app has its own [ActivityTrigger] wrappers with
/// the same names.
/// </summary>
public static class ImportActivityTasks
{
    public static DurableWorkflow Workflow(ImportActivities activities) => DurableWorkflow.Create<ImportRunState, string>(
        ImportOrchestration.Name, ImportOrchestration.RunAsync,
        DurableActivity.Create<ImportActivityInput, ImportObservation>(ImportActivityNames.StartJob, input => activities.StartJobAsync(input, CancellationToken.None)),
        DurableActivity.Create<ImportActivityInput, ImportObservation>(ImportActivityNames.PollJob, input => activities.PollAsync(input, CancellationToken.None)),
        DurableActivity.Create<ImportOutcome, bool>(ImportActivityNames.RecordOutcome, async input =>
        {
            await activities.RecordAsync(input, CancellationToken.None);
            return true;
        }));
}
