using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Writes reported results (postbacks and refreshes alike) order-safely: results whose <c>updated</c> is older than
/// the record's <see cref="RegistrationEntity.ReportedUpdatedAt"/> never overwrite it, and a concurrent writer is
/// resolved through the record's ETag by re-reading and deciding again. The activity tree and runtime data go to a
/// blob named after the registration and its <c>updated</c>, so a retried write reuses the same blob.
/// </summary>
public class RegistrationResultsStore(
    RegistrationRepository registrations,
    BlobContainerProvider containers,
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
        // Decided again on every version read: someone (a postback, a refresh, an override) may have written first.
        var stored = await registrations.UpdateWithRetryAsync(registrationId, async (entity, ct) =>
        {
            outcome = entity switch
            {
                { State: RegistrationState.Deleted } => ResultsApplyOutcome.Unknown,
                { ReportedUpdatedAt: { } held } when updated < held => ResultsApplyOutcome.Stale,
                { ReportedUpdatedAt: { } held } when updated == held => ResultsApplyOutcome.Duplicate,
                _ => ResultsApplyOutcome.Applied,
            };
            if (outcome != ResultsApplyOutcome.Applied) return false;
            if (reported.ActivityDetails is { } details) detailsBlob ??= await WriteDetailsAsync(registrationId, updated, details, ct);
            RegistrationResults.Apply(entity, reported, updated, detailsBlob);
            if (entity.State == RegistrationState.Pending)
            {
                // SCORM Cloud only reports registrations it has: the create went through.
                entity.State = RegistrationState.Active;
                entity.FailureReason = null;
            }
            return true;
        }, cancellationToken);
        switch (stored is null ? ResultsApplyOutcome.Unknown : outcome)
        {
            case ResultsApplyOutcome.Unknown:
                logger.LogWarning("Results from {Source} for unknown registration {RegistrationId} ignored", source, registrationId);
                return ResultsApplyOutcome.Unknown;
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
