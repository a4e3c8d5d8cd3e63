using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// One orchestration per deletion pass (instance id <see cref="LearnerDeletionTracking.InstanceId"/>): erase the
/// learner's registrations we index, batch by batch; then any SCORM Cloud still lists for the learner; then ask SCORM
/// Cloud to delete the learner's own data; then record the outcome. Each step is an idempotent activity that reports
/// "more" until a batch finds nothing, so a crash anywhere repeats at most one batch. A step that fails all its retries
/// is an outage: the pass waits and tries again until <see cref="LearnerDeletionRun.GiveUpAt"/>, then ends failed. Its input and history
/// hold the learner's pseudonym, never the learner id (the activities read that from the pass's record).
/// </summary>
public static class LearnerDeletionOrchestration
{
    /// <summary>The orchestrator's name (the Functions orchestrator function has this name too).</summary>
    public const string Name = "LearnerDeletionOrchestrator";

    public static async Task<string> RunAsync(TaskOrchestrationContext context, LearnerDeletionRun run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        var logger = context.CreateReplaySafeLogger(Name);
        var settings = run.Settings;
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            settings.ActivityMaxAttempts, settings.ActivityFirstRetryInterval, 2.0, settings.ActivityMaxRetryInterval));

        for (var steps = 0; run.Phase != LearnerDeletionPhase.Done; steps++)
        {
            if (steps == settings.StepsPerGeneration)
            {
                // Trim the history of learners with many batches; the state carries everything.
                context.ContinueAsNew(run);
                return "continued";
            }
            try
            {
                var result = await context.CallActivityAsync<LearnerDeletionStepResult>(
                    LearnerDeletionActivityNames.For(run.Phase), new LearnerDeletionStep(run.Pseudonym, run.Pass, run.TraceParent), retry);
                run = run with
                {
                    ScormCloudLearnerData = result.ScormCloudLearnerData ?? run.ScormCloudLearnerData,
                    Error = result.Error ?? run.Error,
                    Phase = result.More ? run.Phase : run.Phase + 1,
                };
            }
            catch (TaskFailedException ex)
            {
                // The step stored what it deleted and its error (lastError) before it failed.
                var error = ex.FailureDetails.ErrorMessage;
                if (context.CurrentUtcDateTime >= run.GiveUpAt.UtcDateTime)
                {
                    return await FinishAsync(context, run with { Error = error }, LearnerDeletionStatus.Failed, retry, logger);
                }
                logger.LogWarning("Learner deletion {LearnerPseudonym} pass {Pass}: {Phase} failed after retries, trying again in {Backoff}: {Error}",
                    run.Pseudonym, run.Pass, run.Phase, settings.OutageBackoff, error);
                await context.CreateTimer(context.CurrentUtcDateTime.Add(settings.OutageBackoff), CancellationToken.None);
            }
        }
        var status = run.ScormCloudLearnerData == ScormCloudLearnerData.Refused ? LearnerDeletionStatus.Failed : LearnerDeletionStatus.Completed;
        return await FinishAsync(context, run, status, retry, logger);
    }

    private static async Task<string> FinishAsync(TaskOrchestrationContext context, LearnerDeletionRun run, string status, TaskOptions retry, ILogger logger)
    {
        var outcome = new LearnerDeletionOutcome(run.Pseudonym, run.Pass, status, run.ScormCloudLearnerData, run.Error, run.TraceParent);
        await SaveAsync(context, outcome, retry, run.Settings.OutageBackoff, logger);
        logger.LogInformation("Learner deletion {LearnerPseudonym} pass {Pass} ended {Status}", run.Pseudonym, run.Pass, status);
        return status;
    }

    /// <summary>Saving is retried until it lands: an outcome is never dropped because storage was briefly down.</summary>
    private static async Task SaveAsync(TaskOrchestrationContext context, LearnerDeletionOutcome outcome, TaskOptions retry, TimeSpan backoff, ILogger logger)
    {
        while (true)
        {
            try
            {
                await context.CallActivityAsync<bool>(LearnerDeletionActivityNames.Save, outcome, retry);
                return;
            }
            catch (TaskFailedException ex)
            {
                logger.LogWarning("Learner deletion {LearnerPseudonym} pass {Pass}: saving {Status} failed, retrying: {Error}",
                    outcome.Pseudonym, outcome.Pass, outcome.Status, ex.FailureDetails.ErrorMessage);
                await context.CreateTimer(context.CurrentUtcDateTime.Add(backoff), CancellationToken.None);
            }
        }
    }
}

/// <summary>The phases of a pass, in order.</summary>
public enum LearnerDeletionPhase
{
    /// <summary>Registrations in our learner index, with everything we and SCORM Cloud hold about each.</summary>
    Registrations,

    /// <summary>Registrations SCORM Cloud still lists for the learner (ones our records never knew or lost).</summary>
    ScormCloudRegistrations,

    /// <summary>SCORM Cloud's learner data deletion request.</summary>
    ScormCloudLearner,

    Done,
}

/// <summary>Orchestration input and ContinueAsNew state: the learner's pseudonym and the pass, never the learner id.</summary>
public sealed record LearnerDeletionRun(string Pseudonym, int Pass, DateTimeOffset GiveUpAt, LearnerDeletionSettings Settings, string? TraceParent)
{
    public LearnerDeletionPhase Phase { get; init; }

    public string? ScormCloudLearnerData { get; init; }

    /// <summary>Why the pass fails (a refusal by SCORM Cloud, or the last outage at the give-up time).</summary>
    public string? Error { get; init; }
}

/// <summary>Input of a step activity: which pass.</summary>
public sealed record LearnerDeletionStep(string Pseudonym, int Pass, string? TraceParent);

/// <summary>
/// A step's result: whether its phase has more to do (what it deleted is added to the pass's record as it goes, not
/// carried here: a step that fails halfway has still deleted something, and a retry would not find it again).
/// </summary>
public sealed record LearnerDeletionStepResult(bool More, string? ScormCloudLearnerData = null, string? Error = null);

/// <summary>The end of the pass, for the save activity.</summary>
public sealed record LearnerDeletionOutcome(string Pseudonym, int Pass, string Status, string? ScormCloudLearnerData, string? Error, string? TraceParent);

/// <summary>Names of the orchestration's activities (the Functions activity functions carry the same names).</summary>
public static class LearnerDeletionActivityNames
{
    public const string EraseRegistrations = "EraseLearnerRegistrations";
    public const string EraseScormCloudRegistrations = "EraseLearnerScormCloudRegistrations";
    public const string RequestScormCloudErasure = "RequestScormCloudLearnerErasure";
    public const string Save = "SaveLearnerDeletion";

    public static string For(LearnerDeletionPhase phase) => phase switch
    {
        LearnerDeletionPhase.Registrations => EraseRegistrations,
        LearnerDeletionPhase.ScormCloudRegistrations => EraseScormCloudRegistrations,
        LearnerDeletionPhase.ScormCloudLearner => RequestScormCloudErasure,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "No step for this phase."),
    };
}

public static class LearnerDeletionTracking
{
    /// <summary><c>learner-deletion-{pseudonym}-{pass}</c>: derived from the learner id without revealing it.</summary>
    public static string InstanceId(string pseudonym, int pass) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"learner-deletion-{pseudonym}-{pass}");

    public static LearnerDeletionRun InitialRun(LearnerDeletionEntity deletion, LearnerDeletionOptions options)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        ArgumentNullException.ThrowIfNull(options);
        return new(deletion.PartitionKey, deletion.Pass, deletion.StartedAt + options.GiveUpAfter, options.ToSettings(), deletion.TraceParent);
    }
}
