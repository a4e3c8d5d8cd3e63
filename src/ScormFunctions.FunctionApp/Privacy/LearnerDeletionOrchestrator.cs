using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ScormFunctions.Core.Privacy;

namespace ScormFunctions.FunctionApp.Privacy;

/// <summary>The learner deletion orchestration (<see cref="LearnerDeletionOrchestration"/>, in the core) as a Durable Functions orchestrator.</summary>
public static class LearnerDeletionOrchestrator
{
    [Function(LearnerDeletionOrchestration.Name)]
    public static Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, LearnerDeletionRun run) =>
        LearnerDeletionOrchestration.RunAsync(context, run);
}

/// <summary>The orchestration's activities: a line each over <see cref="LearnerDeletionActivities"/>.</summary>
public sealed class LearnerDeletionActivityFunctions(LearnerDeletionActivities activities)
{
    [Function(LearnerDeletionActivityNames.EraseRegistrations)]
    public Task<LearnerDeletionStepResult> EraseLearnerRegistrations([ActivityTrigger] LearnerDeletionStep step, CancellationToken cancellationToken) =>
        activities.EraseRegistrationsAsync(step, cancellationToken);

    [Function(LearnerDeletionActivityNames.EraseScormCloudRegistrations)]
    public Task<LearnerDeletionStepResult> EraseLearnerScormCloudRegistrations([ActivityTrigger] LearnerDeletionStep step, CancellationToken cancellationToken) =>
        activities.EraseScormCloudRegistrationsAsync(step, cancellationToken);

    [Function(LearnerDeletionActivityNames.RequestScormCloudErasure)]
    public Task<LearnerDeletionStepResult> RequestScormCloudLearnerErasure([ActivityTrigger] LearnerDeletionStep step, CancellationToken cancellationToken) =>
        activities.RequestScormCloudErasureAsync(step, cancellationToken);

    [Function(LearnerDeletionActivityNames.Save)]
    public Task<bool> SaveLearnerDeletion([ActivityTrigger] LearnerDeletionOutcome outcome, CancellationToken cancellationToken) =>
        activities.SaveAsync(outcome, cancellationToken);
}
