using Microsoft.DurableTask;

namespace ScormFunctions.Core.Durable;

/// <summary>
/// One orchestration and its activities as Durable Task SDK objects: everything an engine needs to run it. The local
/// host's engine runs every workflow registered in DI, the in-process test engine takes one through
/// <see cref="DurableWorkflowRegistryExtensions.AddWorkflow"/>, and the Functions app declares the same names as
/// [OrchestrationTrigger]/[ActivityTrigger] functions. Adding an orchestration is one <c>AddSingleton</c> of its workflow.
/// </summary>
public sealed record DurableWorkflow(string Name, ITaskOrchestrator Orchestrator, IReadOnlyList<DurableActivity> Activities)
{
    public static DurableWorkflow Create<TInput, TOutput>(
        string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run, params DurableActivity[] activities) =>
        new(name, FuncTaskOrchestrator.Create<TInput, TOutput>((context, input) => run(context, input!)), activities);
}

/// <summary>A named activity; its body is the core's (the Functions app wraps the same call in an [ActivityTrigger]).</summary>
public sealed record DurableActivity(string Name, ITaskActivity Activity)
{
    public static DurableActivity Create<TInput, TOutput>(string name, Func<TInput, Task<TOutput>> run) =>
        new(name, FuncTaskActivity.Create<TInput, TOutput>((_, input) => run(input!)));
}

public static class DurableWorkflowRegistryExtensions
{
    /// <summary>Registers the workflow's orchestrator and activities (the in-process test engine and the SDK worker).</summary>
    public static DurableTaskRegistry AddWorkflow(this DurableTaskRegistry registry, DurableWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(workflow);
        registry.AddOrchestrator(workflow.Name, workflow.Orchestrator);
        foreach (var activity in workflow.Activities) registry.AddActivity(activity.Name, activity.Activity);
        return registry;
    }
}
