using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// The deletion pass's activities. Each reads the learner id from the pass's record (a pass that has ended has none,
/// so a late repeat of a step does nothing), does its idempotent work, and stores the counts so far on the record.
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
        RunStepAsync("learner_deletion.registrations", step, async learnerId =>
        {
            var (counts, found) = await eraser.EraseNextIndexedAsync(learnerId, options.Value.BatchSize, cancellationToken);
            return new LearnerDeletionStepResult(counts, More: found > 0);
        }, cancellationToken);

    /// <summary>The first page of registrations SCORM Cloud lists for the learner (more while a page still deletes something).</summary>
    public virtual Task<LearnerDeletionStepResult> EraseScormCloudRegistrationsAsync(LearnerDeletionStep step, CancellationToken cancellationToken) =>
        RunStepAsync("learner_deletion.scorm_cloud_registrations", step, async learnerId =>
        {
            var page = await cloud.GetRegistrationsAsync(new RegistrationQuery { LearnerId = learnerId }, cancellationToken);
            var candidates = page.Registrations
                .Where(r => !string.IsNullOrEmpty(r.Id))
                .Take(options.Value.BatchSize)
                .Select(r => new ErasureCandidate(r.Id!, r.Course?.Id, InScormCloud: true))
                .ToList();
            var counts = await eraser.EraseAsync(learnerId, candidates, cancellationToken);
            return new LearnerDeletionStepResult(counts, More: counts.ScormCloudRegistrations > 0);
        }, cancellationToken);

    /// <summary>SCORM Cloud's learner data deletion (when <c>Privacy:ScormCloudRequesterEmail</c> is set); a refusal fails the pass.</summary>
    public virtual Task<LearnerDeletionStepResult> RequestScormCloudErasureAsync(LearnerDeletionStep step, CancellationToken cancellationToken) =>
        RunStepAsync("learner_deletion.scorm_cloud_learner", step, async learnerId =>
        {
            if (options.Value.ScormCloudRequesterEmail is not { Length: > 0 } email)
            {
                return new LearnerDeletionStepResult(LearnerDeletionCounts.None, false, ScormCloudLearnerData.NotConfigured);
            }
            try
            {
                await cloud.DeleteLearnerDataAsync(learnerId, email, cancellationToken);
                return new LearnerDeletionStepResult(LearnerDeletionCounts.None, false, ScormCloudLearnerData.Requested);
            }
            catch (ScormCloudException ex) when (!ex.IsTransient)
            {
                return new LearnerDeletionStepResult(LearnerDeletionCounts.None, false, ScormCloudLearnerData.Refused,
                    $"SCORM Cloud answered {ex.Status} to the learner data deletion request (are delete operations enabled for the application?).");
            }
        }, cancellationToken);

    /// <summary>Stores progress or the end of the pass; the end removes the learner id from the record. Idempotent.</summary>
    public virtual async Task<bool> SaveAsync(LearnerDeletionOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var span = LearnerDeletionTelemetry.StartStep("learner_deletion.save", outcome.Pseudonym, outcome.Pass, outcome.TraceParent);
        var now = time.GetUtcNow();
        var ends = outcome.Status != LearnerDeletionStatus.Running;
        var endedHere = false;
        var saved = await deletions.UpdateAsync(outcome.Pseudonym, outcome.Pass, deletion =>
        {
            endedHere = false;
            if (deletion.Status != LearnerDeletionStatus.Running) return false; // ended already: a repeated call
            deletion.Counts = outcome.Counts;
            deletion.LastError = outcome.Error;
            deletion.ScormCloudLearnerData = outcome.ScormCloudLearnerData ?? deletion.ScormCloudLearnerData;
            if (ends)
            {
                deletion.Status = outcome.Status;
                deletion.FinishedAt = now;
                deletion.LearnerId = null;
                endedHere = true;
            }
            return true;
        }, cancellationToken);
        if (endedHere && saved is not null)
        {
            LearnerDeletionTelemetry.RecordFinished(saved, now);
            using var scope = logger.BeginScope(LearnerDeletionTelemetry.Scope(outcome.Pseudonym, outcome.Pass));
            logger.LogInformation("Learner deletion {LearnerPseudonym} pass {Pass} {Status} after {Duration}: {Counts}, SCORM Cloud learner data {ScormCloudLearnerData}",
                outcome.Pseudonym, outcome.Pass, outcome.Status, now - saved.StartedAt, outcome.Counts, saved.ScormCloudLearnerData);
        }
        return true;
    }

    private async Task<LearnerDeletionStepResult> RunStepAsync(
        string name, LearnerDeletionStep step, Func<string, Task<LearnerDeletionStepResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var span = LearnerDeletionTelemetry.StartStep(name, step.Pseudonym, step.Pass, step.TraceParent);
        using var scope = logger.BeginScope(LearnerDeletionTelemetry.Scope(step.Pseudonym, step.Pass));
        try
        {
            var deletion = await deletions.GetAsync(step.Pseudonym, step.Pass, cancellationToken);
            if (deletion is not { Status: LearnerDeletionStatus.Running, LearnerId: { } learnerId })
            {
                return new LearnerDeletionStepResult(step.Counts, More: false);
            }
            var result = await work(learnerId);
            var total = step.Counts.Add(result.Counts);
            await deletions.UpdateAsync(step.Pseudonym, step.Pass, d =>
            {
                if (d.Status != LearnerDeletionStatus.Running) return false;
                d.Counts = total;
                d.LastError = result.Error;
                d.ScormCloudLearnerData = result.ScormCloudLearnerData ?? d.ScormCloudLearnerData;
                return true;
            }, cancellationToken);
            LearnerDeletionTelemetry.CountDeleted(result.Counts);
            logger.LogInformation("Learner deletion {LearnerPseudonym} pass {Pass}, {Step}: deleted {Counts}; more: {More}",
                step.Pseudonym, step.Pass, name, result.Counts, result.More);
            return result with { Counts = total };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = $"{name}: {Describe(ex)}";
            span.Fail(reason);
            logger.LogWarning("Learner deletion {LearnerPseudonym} pass {Pass} step failed: {Error}", step.Pseudonym, step.Pass, reason);
            throw new LearnerDeletionStepException(reason);
        }
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
