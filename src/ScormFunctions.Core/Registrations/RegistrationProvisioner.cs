using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Creates registrations as a transaction across our table and SCORM Cloud: our record is written as
/// <see cref="RegistrationState.Pending"/>, SCORM Cloud is asked (with this registration's postback settings), then
/// the record becomes <see cref="RegistrationState.Active"/>. A refusal (4xx) removes our record; a failure without
/// an answer leaves it pending, and the next attempt or <see cref="RegistrationSweeper"/> finishes it
/// (<see cref="ScormCloudClient.RegistrationExistsAsync"/> → confirm, or create again).
/// </summary>
public class RegistrationProvisioner(
    RegistrationRepository registrations,
    ScormCloudClient cloud,
    PostbackCredentials credentials,
    IOptions<AppOptions> app,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<RegistrationProvisioner> logger)
{
    /// <summary>The postback URL we give SCORM Cloud: <c>{App:PublicBaseUrl}/api/postbacks/registrations</c>.</summary>
    public Uri PostbackUrl => ApiRoutes.Url(app.Value.PublicBaseUrl, ApiRoutes.RegistrationPostbacks);

    /// <summary>Makes sure the registration exists on both sides; the same request twice yields one registration.</summary>
    public virtual async Task<ProvisionOutcome> EnsureAsync(NewRegistration request, CancellationToken cancellationToken)
    {
        var existing = await registrations.GetAsync(request.RegistrationId, cancellationToken);
        if (existing is null)
        {
            var record = NewPending(request);
            try
            {
                existing = await registrations.InsertAsync(record, cancellationToken);
                logger.LogInformation("Registration {RegistrationId} for course {CourseId}, learner {LearnerId}: pending",
                    request.RegistrationId, request.CourseId, request.LearnerId);
                var created = await CompleteAsync(existing, firstAttempt: true, cancellationToken);
                return created.Status == ProvisionStatus.Existing ? created with { Status = ProvisionStatus.Created } : created;
            }
            catch (RecordAlreadyExistsException)
            {
                // A concurrent request won the insert: continue with its record.
                existing = await registrations.GetAsync(request.RegistrationId, cancellationToken);
                if (existing is null) return new ProvisionOutcome(ProvisionStatus.Unavailable, null, "The registration changed concurrently; try again.");
            }
        }

        if (!string.Equals(existing.CourseId, request.CourseId, StringComparison.Ordinal)
            || !string.Equals(existing.LearnerId, request.LearnerId, StringComparison.Ordinal))
        {
            return new ProvisionOutcome(ProvisionStatus.Conflict, existing,
                $"Registration '{request.RegistrationId}' already exists for another course or learner.");
        }
        return existing.State switch
        {
            RegistrationState.Active => new ProvisionOutcome(ProvisionStatus.Existing, existing),
            RegistrationState.Deleted => await RecreateAsync(existing, request, cancellationToken),
            _ => await CompleteAsync(existing, cancellationToken), // pending (a crash or a lost answer) or failed: retry
        };
    }

    /// <summary>
    /// Finishes a pending (or failed) record: if SCORM Cloud has it and it is ours, confirm and re-apply our postback
    /// settings; otherwise create it. Used by <see cref="EnsureAsync"/> and the sweep.
    /// </summary>
    public virtual Task<ProvisionOutcome> CompleteAsync(RegistrationEntity record, CancellationToken cancellationToken) =>
        CompleteAsync(record, firstAttempt: false, cancellationToken);

    private async Task<ProvisionOutcome> CompleteAsync(RegistrationEntity record, bool firstAttempt, CancellationToken cancellationToken)
    {
        var id = record.PartitionKey;
        try
        {
            if (!firstAttempt)
            {
                // Not a first attempt: SCORM Cloud may already have it.
                if (await cloud.RegistrationExistsAsync(id, cancellationToken)) return await ConfirmAsync(record, cancellationToken);
            }
            await cloud.CreateRegistrationAsync(CreateRequest(record), cancellationToken);
            logger.LogInformation("Registration {RegistrationId} created in SCORM Cloud", id);
            return await ActivateAsync(record, ProvisionStatus.Existing, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.Status == 400 && ex.IsAlreadyExists)
        {
            // Our own pending record's create went through earlier (its answer was lost): success once confirmed.
            return await ConfirmAsync(record, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.Status is >= 400 and < 500 and not (408 or 429 or 401 or 403))
        {
            logger.LogWarning("SCORM Cloud refused registration {RegistrationId} for course {CourseId}: {Status} {Message}",
                id, record.CourseId, ex.Status, ex.ServiceMessage);
            await RemoveAsync(record, cancellationToken);
            return new ProvisionOutcome(ProvisionStatus.Refused, null,
                $"SCORM Cloud refused the registration ({ex.Status}): {ex.ServiceMessage ?? "no message"}");
        }
        catch (ScormCloudException ex)
        {
            logger.LogWarning("SCORM Cloud unavailable for registration {RegistrationId} ({Status}); left pending for repair", id, ex.Status);
            await TouchAsync(record, cancellationToken);
            return new ProvisionOutcome(ProvisionStatus.Unavailable, record,
                "SCORM Cloud did not answer; the registration is pending and will be completed by a retry or the repair sweep.");
        }
    }

    private RegistrationEntity NewPending(NewRegistration request) => new()
    {
        PartitionKey = request.RegistrationId,
        CourseId = request.CourseId,
        LearnerId = request.LearnerId,
        LearnerFirstName = request.FirstName,
        LearnerLastName = request.LastName,
        LearnerEmail = request.Email,
        State = RegistrationState.Pending,
        CreatedAt = time.GetUtcNow(),
    };

    /// <summary>A record marked deleted (e.g. with its course) is started over as a new pending registration.</summary>
    private async Task<ProvisionOutcome> RecreateAsync(RegistrationEntity deleted, NewRegistration request, CancellationToken cancellationToken)
    {
        var fresh = NewPending(request);
        fresh.ETag = deleted.ETag;
        try
        {
            fresh = await registrations.UpdateAsync(fresh, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return new ProvisionOutcome(ProvisionStatus.Unavailable, null, "The registration changed concurrently; try again.");
        }
        await registrations.WriteIndexAsync(fresh, cancellationToken);
        logger.LogInformation("Deleted registration {RegistrationId} started over for course {CourseId}", request.RegistrationId, request.CourseId);
        var outcome = await CompleteAsync(fresh, firstAttempt: false, cancellationToken);
        return outcome.Status == ProvisionStatus.Existing ? outcome with { Status = ProvisionStatus.Created } : outcome;
    }

    private async Task<ProvisionOutcome> ConfirmAsync(RegistrationEntity record, CancellationToken cancellationToken)
    {
        var id = record.PartitionKey;
        Registration found;
        try
        {
            found = await cloud.GetRegistrationProgressAsync(id, null, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.IsNotFound)
        {
            // Deleted between the two calls: create it next time.
            await TouchAsync(record, cancellationToken);
            return new ProvisionOutcome(ProvisionStatus.Unavailable, record, "SCORM Cloud changed concurrently; try again.");
        }
        if (!string.Equals(found.Course?.Id, record.CourseId, StringComparison.Ordinal)
            || !string.Equals(found.Learner?.Id, record.LearnerId, StringComparison.Ordinal))
        {
            logger.LogWarning("Registration id {RegistrationId} is taken in SCORM Cloud by another course or learner", id);
            await MarkFailedAsync(record, "The registration id is taken in SCORM Cloud by another course or learner.", cancellationToken);
            return new ProvisionOutcome(ProvisionStatus.Conflict, null,
                $"Registration '{id}' already exists in SCORM Cloud for another course or learner.");
        }
        // Ours: make sure it carries our postback settings (the lost attempt may have been made with older ones).
        await cloud.SetRegistrationConfigurationAsync(id, PostbackSettingValues(id), cancellationToken);
        logger.LogInformation("Registration {RegistrationId} confirmed in SCORM Cloud", id);
        return await ActivateAsync(record, ProvisionStatus.Existing, cancellationToken);
    }

    private async Task<ProvisionOutcome> ActivateAsync(RegistrationEntity record, ProvisionStatus status, CancellationToken cancellationToken)
    {
        var updated = await registrations.UpdateWithRetryAsync(record.PartitionKey, r =>
        {
            if (r.State == RegistrationState.Active) return false;
            r.State = RegistrationState.Active;
            r.FailureReason = null;
            return true;
        }, cancellationToken, current: record); // as we hold it (read again only if it changed meanwhile)
        logger.LogInformation("Registration {RegistrationId} (course {CourseId}) active", record.PartitionKey, record.CourseId);
        return new ProvisionOutcome(status, updated ?? record);
    }

    private async Task RemoveAsync(RegistrationEntity record, CancellationToken cancellationToken)
    {
        var current = await registrations.GetAsync(record.PartitionKey, cancellationToken);
        if (current is null) return;
        try
        {
            await registrations.DeleteAsync(current, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Changed meanwhile (e.g. a postback proved it exists): leave it to the sweep.
            logger.LogWarning("Registration {RegistrationId} changed while being removed; left for the sweep", record.PartitionKey);
        }
    }

    private Task MarkFailedAsync(RegistrationEntity record, string reason, CancellationToken cancellationToken) =>
        registrations.UpdateWithRetryAsync(record.PartitionKey, r =>
        {
            if (r.State != RegistrationState.Pending) return false;
            r.State = RegistrationState.Failed;
            r.FailureReason = reason;
            return true;
        }, cancellationToken);

    // Bumps UpdatedAt so the sweep waits PendingRepairAfter before the next try.
    private Task TouchAsync(RegistrationEntity record, CancellationToken cancellationToken) =>
        registrations.UpdateWithRetryAsync(record.PartitionKey, r => r.State == RegistrationState.Pending, cancellationToken);

    private CreateRegistrationRequest CreateRequest(RegistrationEntity record) => new(
        record.CourseId,
        record.PartitionKey,
        new Learner(record.LearnerId) { FirstName = record.LearnerFirstName, LastName = record.LearnerLastName, Email = record.LearnerEmail })
    {
        PostBack = PostbackSettings(record.PartitionKey),
    };

    /// <summary>Every postback field set explicitly (SCORM Cloud's documented defaults conflict).</summary>
    public PostBackSettings PostbackSettings(string registrationId) => new()
    {
        Url = PostbackUrl,
        AuthType = options.Value.PostbackAuthType,
        UserName = registrationId,
        Password = credentials.PasswordFor(registrationId),
        ResultsFormat = options.Value.ResultsFormat,
        Legacy = false,
    };

    private IEnumerable<RegistrationSettingValue> PostbackSettingValues(string registrationId)
    {
        var s = PostbackSettings(registrationId);
        return
        [
            new("ApiRollupRegistrationPostBackUrl", s.Url!.AbsoluteUri),
            new("ApiRollupRegistrationAuthType", s.AuthType == PostBackAuthType.Form ? "form" : "httpbasic"),
            new("ApiRollupRegistrationAuthUser", s.UserName),
            new("ApiRollupRegistrationAuthPassword", s.Password),
            new("ApiRollupRegistrationFormat", s.ResultsFormat == PostBackResultsFormat.Full ? "full" : "activity"),
            new("ApiRollupRegistrationIsJson", "true"),
        ];
    }
}
