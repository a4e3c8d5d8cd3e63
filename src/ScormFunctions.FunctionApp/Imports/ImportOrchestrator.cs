using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.FunctionApp.Imports;

/// <summary>
/// One orchestration per import (instance id <see cref="ImportTracking.InstanceId"/>): start the SCORM Cloud job, poll
/// with backoff or wake on the job's postback, stop at the deadline, record the outcome. The rules are
/// <see cref="ImportDecisions.Decide"/>; all I/O is in <see cref="ImportActivityFunctions"/>. Activity failures are
/// retried by policy and then only delay the import (an outage never loses it); history is trimmed by ContinueAsNew.
/// </summary>
public static class ImportOrchestrator
{
    [Function(nameof(ImportOrchestrator))]
    public static async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = context.GetInput<ImportRunState>() ?? throw new InvalidOperationException("The import orchestration needs an ImportRunState input.");
        var logger = context.CreateReplaySafeLogger(nameof(ImportOrchestrator));
        var settings = state.Settings;
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            settings.ActivityMaxAttempts,
            settings.ActivityFirstRetryInterval ?? TimeSpan.FromSeconds(5),
            2.0,
            settings.ActivityMaxRetryInterval ?? TimeSpan.FromMinutes(2)));

        // One waiter for the job's postback per generation, never cancelled: with the isolated SDK a cancelled
        // WaitForExternalEvent can still consume the next event (durabletask-dotnet#508), which would swallow it.
        Task<string>? postback = null;
        while (true)
        {
            ImportObservation observation;
            try
            {
                observation = state.JobId is null
                    ? await context.CallActivityAsync<ImportObservation>(nameof(ImportActivityFunctions.StartImportJob), ImportActivityInput.From(state), retry)
                    : await context.CallActivityAsync<ImportObservation>(nameof(ImportActivityFunctions.PollImportJob), ImportActivityInput.From(state), retry);
            }
            catch (TaskFailedException ex)
            {
                logger.LogWarning("Import {ImportId} of course {CourseId} (job {JobId}): step failed after retries, backing off: {Error}",
                    state.ImportId, state.CourseId, state.JobId, ex.FailureDetails.ErrorMessage);
                observation = ImportObservation.Unreachable(ex.FailureDetails.ErrorMessage);
            }

            var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
            var decision = ImportDecisions.Decide(state, observation, now);
            if (decision.IsFinal)
            {
                var outcome = decision.Outcome!;
                await RecordAsync(context, outcome, retry, settings.MaxPollDelay, logger);
                logger.LogInformation("Import {ImportId} of course {CourseId} (job {JobId}) ended {Status}",
                    outcome.ImportId, outcome.CourseId, outcome.JobId, outcome.Status);
                return outcome.Status;
            }

            state = decision.Next;
            context.SetCustomStatus(new { state.JobId, state.Polls, state.Failures, decision.NextStepAt });
            postback ??= context.WaitForExternalEvent<string>(ImportTracking.PostbackEvent);
            using (var cancelTimer = new CancellationTokenSource())
            {
                // Race the poll timer against the postback; cancel the timer if it loses, or it keeps the instance alive.
                var timer = context.CreateTimer(decision.NextStepAt!.Value.UtcDateTime, cancelTimer.Token);
                if (await Task.WhenAny(timer, postback) == postback)
                {
#pragma warning disable CA1849 // Orchestrator code stays on the orchestration thread: cancel synchronously.
                    cancelTimer.Cancel();
#pragma warning restore CA1849
                    postback = null;
                    logger.LogInformation("Import {ImportId} of course {CourseId}: postback arrived, polling job {JobId} now",
                        state.ImportId, state.CourseId, state.JobId);
                }
            }

            if (decision.ContinueAsNew)
            {
                context.ContinueAsNew(state);
                return "continued";
            }
        }
    }

    /// <summary>Recording is retried until it succeeds: the outcome is never dropped because storage was briefly down.</summary>
    private static async Task RecordAsync(TaskOrchestrationContext context, ImportOutcome outcome, TaskOptions retry, TimeSpan backoff, ILogger logger)
    {
        while (true)
        {
            try
            {
                await context.CallActivityAsync(nameof(ImportActivityFunctions.RecordImportOutcome), outcome, retry);
                return;
            }
            catch (TaskFailedException ex)
            {
                logger.LogWarning("Import {ImportId} of course {CourseId}: recording {Status} failed, retrying: {Error}",
                    outcome.ImportId, outcome.CourseId, outcome.Status, ex.FailureDetails.ErrorMessage);
                await context.CreateTimer(context.CurrentUtcDateTime.Add(backoff), CancellationToken.None);
            }
        }
    }
}

/// <summary>The orchestration's activities: a line each over <see cref="ImportActivities"/>.</summary>
public sealed class ImportActivityFunctions(ImportActivities activities)
{
    [Function(nameof(StartImportJob))]
    public Task<ImportObservation> StartImportJob([ActivityTrigger] ImportActivityInput input, CancellationToken cancellationToken) =>
        activities.StartJobAsync(input, cancellationToken);

    [Function(nameof(PollImportJob))]
    public Task<ImportObservation> PollImportJob([ActivityTrigger] ImportActivityInput input, CancellationToken cancellationToken) =>
        activities.PollAsync(input, cancellationToken);

    [Function(nameof(RecordImportOutcome))]
    public Task RecordImportOutcome([ActivityTrigger] ImportOutcome outcome, CancellationToken cancellationToken) =>
        activities.RecordAsync(outcome, cancellationToken);
}
