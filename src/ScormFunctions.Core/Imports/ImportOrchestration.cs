using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// One orchestration per import (instance id <see cref="ImportTracking.InstanceId"/>): start the SCORM Cloud job, poll
/// with backoff or wake on the job's postback, stop at the deadline, record the outcome. The rules are
/// <see cref="ImportDecisions.Decide"/>; all I/O is in the activities (<see cref="ImportActivityNames"/>). Activity
/// failures are retried by policy and then only delay the import (an outage never loses it); history is trimmed by
/// ContinueAsNew. Runs unchanged on Durable Functions, on the Durable Task Framework in the local host, and on the
/// in-process test engine.
/// </summary>
public static class ImportOrchestration
{
    /// <summary>The orchestrator's name (the Functions orchestrator function has this name too).</summary>
    public const string Name = "ImportOrchestrator";

    public static async Task<string> RunAsync(TaskOrchestrationContext context, ImportRunState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var logger = context.CreateReplaySafeLogger(Name);
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
            var observation = await ObserveAsync(context, state, retry, logger);
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
            context.SetCustomStatus(new ImportCustomStatus(state.JobId, state.Polls, state.Failures, decision.NextStepAt));
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
                // Events raised meanwhile are carried into the next generation (preserveUnprocessedEvents).
                context.ContinueAsNew(state, preserveUnprocessedEvents: true);
                return "continued";
            }
        }
    }

    /// <summary>Starts or polls the job; a step that still fails after the retry policy is an outage, not an error.</summary>
    private static async Task<ImportObservation> ObserveAsync(TaskOrchestrationContext context, ImportRunState state, TaskOptions retry, ILogger logger)
    {
        try
        {
            var name = state.JobId is null ? ImportActivityNames.StartJob : ImportActivityNames.PollJob;
            return await context.CallActivityAsync<ImportObservation>(name, ImportActivityInput.From(state), retry);
        }
        catch (TaskFailedException ex)
        {
            logger.LogWarning("Import {ImportId} of course {CourseId} (job {JobId}): step failed after retries, backing off: {Error}",
                state.ImportId, state.CourseId, state.JobId, ex.FailureDetails.ErrorMessage);
            return ImportObservation.Unreachable(ex.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>Recording is retried until it succeeds: the outcome is never dropped because storage was briefly down.</summary>
    private static async Task RecordAsync(TaskOrchestrationContext context, ImportOutcome outcome, TaskOptions retry, TimeSpan backoff, ILogger logger)
    {
        while (true)
        {
            try
            {
                await context.CallActivityAsync(ImportActivityNames.RecordOutcome, outcome, retry);
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

/// <summary>What the orchestration shows as its custom status while it waits.</summary>
public sealed record ImportCustomStatus(string? JobId, int Polls, int Failures, DateTimeOffset? NextStepAt);
