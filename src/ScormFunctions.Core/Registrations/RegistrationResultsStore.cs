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
/// blob named after the registration and its <c>updated</c>, so a retried write reuses the same blob.
/// </summary>
public class RegistrationResultsStore(
    RegistrationRepository registrations,
    TableProvider tables,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<RegistrationResultsStore> logger)
{
    private const int MaxAttempts = 10;

    private readonly RegistrationInstanceHistory history = new(tables);

    /// <param name="registrationId">Our registration id (already authenticated or authorized by the caller).</param>
    /// <param name="reported">SCORM Cloud's view of the registration.</param>
    /// <param name="source">"postback" or "refresh", for logs.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public virtual async Task<ResultsApplyOutcome> ApplyAsync(
        string registrationId, Registration reported, string source, CancellationToken cancellationToken)
    {
        var updated = reported.Updated ?? time.GetUtcNow();
        string? detailsBlob = null;
        for (var attempt = 1; ; attempt++)
        {
            var entity = await registrations.GetAsync(registrationId, cancellationToken);
            if (entity is null || entity.State == RegistrationState.Deleted)
            {
                logger.LogWarning("Results from {Source} for unknown registration {RegistrationId} ignored", source, registrationId);
                return ResultsApplyOutcome.Unknown;
            }
            if (attempt == 1) await history.RecordAsync(registrationId, reported, updated, cancellationToken);
            if (reported.Instance < entity.Instance)
            {
                // A retake started a newer instance: an older one's results stay in its history row only.
                logger.LogInformation("Results from {Source} for {RegistrationId} instance {Instance} kept as history (current {Current})",
                    source, registrationId, reported.Instance, entity.Instance);
                return ResultsApplyOutcome.Stale;
            }
            if (entity.ReportedUpdatedAt is { } held && reported.Instance == entity.Instance)
            {
                if (updated < held)
                {
                    logger.LogInformation(
                        "Stale results from {Source} for {RegistrationId} ignored (updated {Updated:O}, holding {Held:O})",
                        source, registrationId, updated, held);
                    return ResultsApplyOutcome.Stale;
                }
                if (updated == held)
                {
                    logger.LogInformation("Duplicate results from {Source} for {RegistrationId} (updated {Updated:O})", source, registrationId, updated);
                    return ResultsApplyOutcome.Duplicate;
                }
            }
            if (reported.ActivityDetails is { } details)
            {
                detailsBlob ??= await WriteDetailsAsync(registrationId, updated, details, cancellationToken);
            }
            RegistrationResults.Apply(entity, reported, updated, detailsBlob);
            if (entity.State == RegistrationState.Pending)
            {
                // SCORM Cloud only reports registrations it has: the create went through.
                entity.State = RegistrationState.Active;
                entity.FailureReason = null;
            }
            try
            {
                await registrations.UpdateAsync(entity, cancellationToken);
                logger.LogInformation(
                    "Results from {Source} for {RegistrationId} (course {CourseId}): {Completion}/{Success}, score {Score}, {Seconds} s",
                    source, registrationId, entity.CourseId, entity.Completion, entity.Success, entity.Score, entity.TotalSecondsTracked);
                return ResultsApplyOutcome.Applied;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Someone (a postback, a refresh, an override) wrote first: re-read and decide again.
            }
        }
    }

    /// <summary>The stored activity tree / runtime JSON, or null.</summary>
    public virtual async Task<Stream?> OpenDetailsAsync(RegistrationEntity entity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(entity.DetailsBlob)) return null;
        var container = await tables.GetContainerAsync(options.Value.ResultsContainer, cancellationToken);
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
        var container = await tables.GetContainerAsync(options.Value.ResultsContainer, cancellationToken);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(details, ScormCloudJson.Options);
        await container.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken);
        return name;
    }
}
