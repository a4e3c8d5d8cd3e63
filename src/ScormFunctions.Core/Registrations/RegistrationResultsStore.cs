using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Registrations.Retakes;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Writes reported results (postbacks and refreshes alike) order-safely: results whose <c>updated</c> is older than
/// the record's <see cref="RegistrationEntity.ReportedUpdatedAt"/> never overwrite it, and a concurrent writer is
/// resolved through the record's ETag by re-reading and deciding again. The activity tree and runtime data go to a
/// blob named after the registration and its <c>updated</c>, so a retried write reuses the same blob. Every report also
/// lands in its instance's history row; one for an instance a retake has replaced goes nowhere else.
/// </summary>
public class RegistrationResultsStore(
    RegistrationRepository registrations,
    BlobContainerProvider containers,
    RegistrationInstanceHistory history,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<RegistrationResultsStore> logger)
{
    /// <param name="registrationId">Our registration id (already authenticated or authorized by the caller).</param>
    /// <param name="reported">SCORM Cloud's view of the registration.</param>
    /// <param name="source">"postback" or "refresh", for logs.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public virtual async Task<ResultsApplyOutcome> ApplyAsync(
        string registrationId, Registration reported, string source, CancellationToken cancellationToken)
    {
        var updated = reported.Updated ?? time.GetUtcNow();
        string? detailsBlob = null;
        var outcome = ResultsApplyOutcome.Unknown;
        // The record and its instance's history row are read together and written in one transaction (with the result
        // event, when there is one). Decided again on every version read: someone (a postback, a refresh, an override)
        // may have written first.
        var stored = await registrations.UpdateWithRowAsync<RegistrationInstanceEntity>(
            registrationId, RegistrationInstanceEntity.RowKeyFor(reported.Instance), async (entity, historyRow, ct) =>
        {
            outcome = entity switch
            {
                { State: RegistrationState.Deleted } => ResultsApplyOutcome.Unknown,
                _ when reported.Instance < entity.Instance => ResultsApplyOutcome.Stale, // a retake replaced that instance
                { ReportedUpdatedAt: { } held } when reported.Instance == entity.Instance && updated < held => ResultsApplyOutcome.Stale,
                { ReportedUpdatedAt: { } held } when reported.Instance == entity.Instance && updated == held => ResultsApplyOutcome.Duplicate,
                _ => ResultsApplyOutcome.Applied,
            };
            if (outcome == ResultsApplyOutcome.Unknown) return (false, null);
            // Every report of a known registration completes its instance's history, even one too old for the record.
            var historyWrite = history.Recorded(registrationId, historyRow, reported, updated);
            if (outcome != ResultsApplyOutcome.Applied) return (false, historyWrite);
            if (reported.ActivityDetails is { } details) detailsBlob ??= await WriteDetailsAsync(registrationId, updated, details, ct);
            RegistrationResults.Apply(entity, reported, updated, detailsBlob);
            if (entity.State == RegistrationState.Pending)
            {
                // SCORM Cloud only reports registrations it has: the create went through.
                entity.State = RegistrationState.Active;
                entity.FailureReason = null;
            }
            return (true, historyWrite);
        }, cancellationToken);
        if (stored is not null && outcome is ResultsApplyOutcome.Duplicate or ResultsApplyOutcome.Stale)
        {
            // A repeated report is how SCORM Cloud retries a postback we failed: maybe after the record's write but before
            // its course index copy; bring that copy up to date (a read when it is).
            await registrations.CopyToCourseIndexAsync(stored, cancellationToken);
        }
        if (stored is null || outcome == ResultsApplyOutcome.Unknown)
        {
            // Deleted while we wrote its details (a learner deletion, say): that blob must not outlive it.
            if (detailsBlob is not null) await DeleteDetailsAsync(detailsBlob, cancellationToken);
            outcome = ResultsApplyOutcome.Unknown;
        }
        switch (outcome)
        {
            case ResultsApplyOutcome.Unknown:
                logger.LogWarning("Results from {Source} for unknown registration {RegistrationId} ignored", source, registrationId);
                return ResultsApplyOutcome.Unknown;
            case ResultsApplyOutcome.Stale when reported.Instance < stored!.Instance:
                logger.LogInformation("Results from {Source} for {RegistrationId} instance {Instance} kept as history (current {Current})",
                    source, registrationId, reported.Instance, stored.Instance);
                return outcome;
            case ResultsApplyOutcome.Stale:
                logger.LogInformation("Stale results from {Source} for {RegistrationId} ignored (updated {Updated:O}, holding {Held:O})",
                    source, registrationId, updated, stored!.ReportedUpdatedAt);
                return outcome;
            case ResultsApplyOutcome.Duplicate:
                logger.LogInformation("Duplicate results from {Source} for {RegistrationId} (updated {Updated:O})", source, registrationId, updated);
                return outcome;
            default:
                logger.LogInformation("Results from {Source} for {RegistrationId} (course {CourseId}): {Completion}/{Success}, score {Score}, {Seconds} s",
                    source, registrationId, stored!.CourseId, stored.Completion, stored.Success, stored.Score, stored.TotalSecondsTracked);
                return outcome;
        }
    }

    /// <summary>The stored activity tree / runtime JSON, or null.</summary>
    public virtual async Task<Stream?> OpenDetailsAsync(RegistrationEntity entity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(entity.DetailsBlob)) return null;
        var container = await containers.GetContainerAsync(options.Value.ResultsContainer, cancellationToken);
        var blob = container.GetBlobClient(entity.DetailsBlob);
        try
        {
            return await blob.OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task DeleteDetailsAsync(string name, CancellationToken cancellationToken)
    {
        var container = await containers.GetContainerAsync(options.Value.ResultsContainer, cancellationToken);
        await container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
    }

    private async Task<string> WriteDetailsAsync(string registrationId, DateTimeOffset updated, ActivityResult details, CancellationToken cancellationToken)
    {
        var name = $"{BlobNames.Segment(registrationId)}/{updated.UtcTicks:D19}.json";
        var container = await containers.GetContainerAsync(options.Value.ResultsContainer, cancellationToken);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(details, ScormCloudJson.Options);
        await container.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken);
        return name;
    }
}
