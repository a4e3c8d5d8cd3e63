using Microsoft.DurableTask;

namespace ScormFunctions.Core.Imports;

/// <summary>Names of the import orchestration's activities (the Functions activity functions carry the same names).</summary>
public static class ImportActivityNames
{
    public const string StartJob = "StartImportJob";
    public const string PollJob = "PollImportJob";
    public const string RecordOutcome = "RecordImportOutcome";
}

/// <summary>
/// The activities as Durable Task SDK activities, a line each over <see cref="ImportActivities"/>: registered with the
/// Durable Task Framework in the local host (through the SDK's shims) and with the in-process engine in tests. The
/// Functions app has its own [ActivityTrigger] wrappers with the same names.
/// </summary>
public static class ImportActivityTasks
{
    public static IEnumerable<(string Name, ITaskActivity Activity)> Create(ImportActivities activities) =>
    [
        (ImportActivityNames.StartJob, new StartJob(activities)),
        (ImportActivityNames.PollJob, new PollJob(activities)),
        (ImportActivityNames.RecordOutcome, new RecordOutcome(activities)),
    ];

    private sealed class StartJob(ImportActivities activities) : TaskActivity<ImportActivityInput, ImportObservation>
    {
        public override Task<ImportObservation> RunAsync(TaskActivityContext context, ImportActivityInput input) =>
            activities.StartJobAsync(input, CancellationToken.None);
    }

    private sealed class PollJob(ImportActivities activities) : TaskActivity<ImportActivityInput, ImportObservation>
    {
        public override Task<ImportObservation> RunAsync(TaskActivityContext context, ImportActivityInput input) =>
            activities.PollAsync(input, CancellationToken.None);
    }

    private sealed class RecordOutcome(ImportActivities activities) : TaskActivity<ImportOutcome, bool>
    {
        public override async Task<bool> RunAsync(TaskActivityContext context, ImportOutcome input)
        {
            await activities.RecordAsync(input, CancellationToken.None);
            return true;
        }
    }
}
