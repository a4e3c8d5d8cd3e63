using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// The deletion pass's activities. Each reads the learner id from the pass's record (a pass that has ended has none,
/// so a late repeat of a step does nothing), does its idempotent work, and adds what it deleted to the record.
/// Failures leave as <see cref="LearnerDeletionStepException"/> with a message naming only a kind and a status code:
/// what Durable keeps in its history and the record shows as <c>lastError</c> names no one.
/// </summary>
public class LearnerDeletionActivities(
    LearnerDeletionRepository deletions,
    RegistrationEraser eraser,
    ScormCloudClient cloud,
    IOptions<LearnerDeletionOptions> options,
    TimeProvider time,
    ILogger<LearnerDeletionActivities> logger)
{
    /// <summary>The next batch of the learner's registrations in our index (more until a batch finds none).</summary>
    public virtual Task<LearnerDeletionStepResult> EraseRegistrationsAsync(LearnerDeletionStep step, CancellationToken cancellationToken) =>
        RunStepAsync("learner_deletion.registrations", step, async (learnerId, tally) =>
        {
            var found = await eraser.EraseNextIndexedAsync(learnerId, options.Value.BatchSize, tally, cancellationToken);
            return new LearnerDeletionStepResult(More: found > 0);
        }, cancellationToken);

    /// <summary>The first page of registrations SCORM Cloud lists for the learner (more while a page still deletes something).</summary>
    public virtual Task<LearnerDeletionStepResult> EraseScormCloudRegistrationsAsync(LearnerDeletionStep step, CancellationToken cancellationToken) =>
        RunStepAsync("learner_deletion.scorm_cloud_registrations", step, async (learnerId, tally) =>
        {
            var page = await cloud.GetRegistrationsAsync(new RegistrationQuery { LearnerId = learnerId }, cancellationToken);
            var candidates = page.Registrations
                .Where(r => !string.IsNullOrEmpty(r.Id))
                .Take(options.Value.BatchSize)
                .Select(r => new ErasureCandidate(r.Id!, r.Course?.Id, InScormCloud: true))
                .ToList();
            await eraser.EraseAsync(learnerId, candidates, tally, cancellationToken);
            return new LearnerDeletionStepResult(More: tally.ToCounts().ScormCloudRegistrations > 0);
        }, cancellationToken);

    /// <summary>SCORM Cloud's learner data deletion (when <c>Privacy:ScormCloudRequesterEmail</c> is set); a refusal fails the pass.</summary>
    public virtual Task<LearnerDeletionStepResult> RequestScormCloudErasureAsync(LearnerDeletionStep step, CancellationToken cancellationToken) =>
        RunStepAsync("learner_deletion.scorm_cloud_learner", step, async (learnerId, _) =>
        {
            if (options.Value.ScormCloudRequesterEmail is not { Length: > 0 } email)
            {
                return new LearnerDeletionStepResult(false, ScormCloudLearnerData.NotConfigured);
            }
            try
            {
                await cloud.DeleteLearnerDataAsync(learnerId, email, cancellationToken);
                return new LearnerDeletionStepResult(false, ScormCloudLearnerData.Requested);
            }
            catch (ScormCloudException ex) when (!ex.IsTransient)
            {
                return new LearnerDeletionStepResult(false, ScormCloudLearnerData.Refused,
                    $"SCORM Cloud answered {ex.Status} to the learner data deletion request (are delete operations enabled for the application?).");
            }
        }, cancellationToken);

    /// <summary>Ends the pass: its status and end time; the learner id leaves the record. Idempotent.</summary>
    public virtual async Task<bool> SaveAsync(LearnerDeletionOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var span = LearnerDeletionTelemetry.StartStep("learner_deletion.save", outcome.Pseudonym, outcome.Pass, outcome.TraceParent);
        var now = time.GetUtcNow();
        var endedHere = false;
        var saved = await deletions.UpdateAsync(outcome.Pseudonym, outcome.Pass, deletion =>
        {
            endedHere = false;
            if (deletion.Status != LearnerDeletionStatus.Running) return false; // ended already: a repeated call
            deletion.Status = outcome.Status;
            deletion.FinishedAt = now;
            deletion.LearnerId = null;
            deletion.LastError = outcome.Error;
            deletion.ScormCloudLearnerData = outcome.ScormCloudLearnerData ?? deletion.ScormCloudLearnerData;
            endedHere = true;
            return true;
        }, cancellationToken);
        if (endedHere && saved is not null)
        {
            LearnerDeletionTelemetry.RecordFinished(saved, now);
            using var scope = logger.BeginScope(LearnerDeletionTelemetry.Scope(outcome.Pseudonym, outcome.Pass));
            logger.LogInformation("Learner deletion {LearnerPseudonym} pass {Pass} {Status} after {Duration}: deleted {Counts}, SCORM Cloud learner data {ScormCloudLearnerData}",
                outcome.Pseudonym, outcome.Pass, outcome.Status, now - saved.StartedAt, saved.Counts, saved.ScormCloudLearnerData);
        }
        return true;
    }

    /// <summary>
    /// Runs a step for the pass's learner and adds what it deleted to the record — also when it fails halfway, since a
    /// retry would not find those items again — with its error as <c>lastError</c> (cleared by a step that succeeds).
    /// </summary>
    private async Task<LearnerDeletionStepResult> RunStepAsync(
        string name, LearnerDeletionStep step, Func<string, ErasureTally, Task<LearnerDeletionStepResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var span = LearnerDeletionTelemetry.StartStep(name, step.Pseudonym, step.Pass, step.TraceParent);
        using var scope = logger.BeginScope(LearnerDeletionTelemetry.Scope(step.Pseudonym, step.Pass));
        var tally = new ErasureTally();
        LearnerDeletionStepResult? result = null;
        string? failure = null;
        try
        {
            var deletion = await deletions.GetAsync(step.Pseudonym, step.Pass, cancellationToken);
            if (deletion is not { Status: LearnerDeletionStatus.Running, LearnerId: { } learnerId })
            {
                return new LearnerDeletionStepResult(More: false); // the pass ended: a late repeat of a step does nothing
            }
            result = await work(learnerId, tally);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = $"{name}: {Describe(ex)}";
        }
        var deleted = tally.ToCounts();
        try
        {
            await deletions.UpdateAsync(step.Pseudonym, step.Pass, d =>
            {
                if (d.Status != LearnerDeletionStatus.Running) return false;
                d.Counts = d.Counts.Add(deleted);
                d.LastError = failure ?? result?.Error;
                d.ScormCloudLearnerData = result?.ScormCloudLearnerData ?? d.ScormCloudLearnerData;
                return true;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure ??= $"{name}: {Describe(ex)}";
        }
        LearnerDeletionTelemetry.CountDeleted(deleted);
        if (failure is not null)
        {
            span.Fail(failure);
            logger.LogWarning("Learner deletion {LearnerPseudonym} pass {Pass} step failed after deleting {Counts}: {Error}", step.Pseudonym, step.Pass, deleted, failure);
            throw new LearnerDeletionStepException(failure);
        }
        logger.LogInformation("Learner deletion {LearnerPseudonym} pass {Pass}, {Step}: deleted {Counts}; more: {More}",
            step.Pseudonym, step.Pass, name, deleted, result!.More);
        return result;
    }

    /// <summary>A kind and a status code only: SCORM Cloud's and storage's own messages can quote ids.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        ScormCloudException { Status: 0 } => "SCORM Cloud did not answer",
        ScormCloudException cloudError => $"SCORM Cloud answered {cloudError.Status}",
        RequestFailedException storageError => $"storage answered {storageError.Status} ({storageError.ErrorCode})",
        _ => ex.GetType().Name,
    };
}

/// <summary>A deletion step failed; the message names no learner or registration.</summary>
public sealed class LearnerDeletionStepException : Exception
{
    public LearnerDeletionStepException()
    {
    }

    public LearnerDeletionStepException(string message)
        : base(message)
    {
    }

    public LearnerDeletionStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
