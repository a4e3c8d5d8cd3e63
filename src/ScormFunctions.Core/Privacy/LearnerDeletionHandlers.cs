using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// <c>DELETE /api/learners/{learnerId}</c> and <c>GET /api/learners/{learnerId}/deletion</c> (admin). Host-neutral:
/// both hosts call these with the raw request (and, to start a pass, their <see cref="IOrchestrationStarter"/>).
/// </summary>
public sealed class LearnerDeletionHandlers(
    AccessControl access,
    LearnerDeletionRepository deletions,
    LearnerPseudonyms pseudonyms,
    IOptions<LearnerDeletionOptions> options,
    TimeProvider time,
    ILogger<LearnerDeletionHandlers> logger)
{
    /// <summary>
    /// Starts a deletion pass, or answers with the one running: 202 + Location of its status either way. A DELETE after
    /// a pass ended starts a new pass (the learner may have been assigned again since).
    /// </summary>
    public async Task<IResult> StartAsync(HttpRequest request, string learnerId, IOrchestrationStarter starter, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(learnerId, "learnerId") is { } invalid) return invalid;
        var deletion = await StartPassAsync(learnerId, auth.Caller.Subject, starter, cancellationToken);
        return Results.Accepted($"/api/learners/{Uri.EscapeDataString(learnerId)}/deletion", LearnerDeletionResponse.From(deletion));
    }

    /// <summary>
    /// The running pass (its orchestration started again, should a crash have lost the start), or a new one. Two
    /// concurrent requests cannot both start a pass: pass numbers are row keys, so the second insert fails and that
    /// request answers with the first one's pass.
    /// </summary>
    public async Task<LearnerDeletionEntity> StartPassAsync(string learnerId, string requestedBy, IOrchestrationStarter starter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starter);
        var pseudonym = pseudonyms.Learner(learnerId);
        using var span = ScormTelemetry.Source.StartActivity("learner_deletion.request")?.SetTag(LearnerDeletionTelemetry.PseudonymTag, pseudonym);
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["LearnerPseudonym"] = pseudonym });
        while (true)
        {
            var latest = await deletions.GetLatestAsync(pseudonym, cancellationToken);
            if (latest is { Status: LearnerDeletionStatus.Running })
            {
                await StartOrchestrationAsync(latest, starter, cancellationToken);
                return latest;
            }
            var pass = (latest?.Pass ?? 0) + 1;
            var started = await deletions.TryInsertAsync(new LearnerDeletionEntity
            {
                PartitionKey = pseudonym,
                Pass = pass,
                DeletionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                LearnerId = learnerId,
                RequestedBy = requestedBy,
                StartedAt = time.GetUtcNow(),
                TraceParent = Activity.Current?.Id,
            }, cancellationToken);
            if (started is null) continue;
            span?.SetTag(LearnerDeletionTelemetry.PassTag, pass);
            await StartOrchestrationAsync(started, starter, cancellationToken);
            logger.LogInformation("Learner deletion {LearnerPseudonym} pass {Pass} ({DeletionId}) requested by {Actor}",
                pseudonym, pass, started.DeletionId, requestedBy);
            return started;
        }
    }

    /// <summary>The learner's latest pass: 200, or 404 when no deletion was ever requested.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string learnerId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(learnerId, "learnerId") is { } invalid) return invalid;
        var latest = await deletions.GetLatestAsync(pseudonyms.Learner(learnerId), cancellationToken);
        return latest is null
            ? Problems.NotFound("No deletion has been requested for this learner.")
            : Results.Ok(LearnerDeletionResponse.From(latest));
    }

    private Task StartOrchestrationAsync(LearnerDeletionEntity deletion, IOrchestrationStarter starter, CancellationToken cancellationToken) =>
        starter.StartOnceAsync(
            LearnerDeletionOrchestration.Name, LearnerDeletionTracking.InstanceId(deletion.PartitionKey, deletion.Pass),
            LearnerDeletionTracking.InitialRun(deletion, options.Value), cancellationToken);
}

/// <summary>A deletion pass as the API shows it: progress while it runs, the audit record after.</summary>
public sealed record LearnerDeletionResponse(
    string DeletionId,
    int Pass,
    string Status,
    string RequestedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    LearnerDeletionCounts Deleted,
    string? ScormCloudLearnerData,
    string? LastError)
{
    public static LearnerDeletionResponse From(LearnerDeletionEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.DeletionId, e.Pass, e.Status, e.RequestedBy, e.StartedAt, e.FinishedAt, e.Counts, e.ScormCloudLearnerData, e.LastError);
    }
}
