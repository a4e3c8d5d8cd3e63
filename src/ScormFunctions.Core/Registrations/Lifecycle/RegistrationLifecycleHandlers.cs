using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using ScormCloud.Client;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations.Overrides;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations.Lifecycle;

/// <summary>Admin: delete a registration, or reset its progress — in SCORM Cloud first, then in our records.</summary>
public sealed class RegistrationLifecycleHandlers(
    RegistrationRepository registrations,
    RegistrationRefresher refresher,
    OverrideHandlers overrides,
    ScormCloudClient cloud,
    ILogger<RegistrationLifecycleHandlers> logger)
{
    /// <summary>DELETE /api/registrations/{registrationId} — admin; in SCORM Cloud, then in our records.</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null) return RegistrationProblems.NotFound(registrationId);
        try
        {
            // SCORM Cloud first: if we crash after it, a repeated DELETE finishes (a missing registration counts as deleted).
            await cloud.DeleteRegistrationAsync(registrationId, cancellationToken);
        }
        catch (ScormCloudException ex)
        {
            return RegistrationProblems.Cloud(ex, registrationId);
        }
        for (var attempt = 1; ; attempt++)
        {
            var current = await registrations.GetAsync(registrationId, cancellationToken);
            if (current is null) break;
            try
            {
                await registrations.DeleteAsync(current, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < 10)
            {
                // A postback wrote meanwhile; delete its version.
            }
        }
        logger.LogInformation("Registration {RegistrationId} (course {CourseId}) deleted by {Actor}", registrationId, registration.CourseId, caller.Subject);
        return TypedResults.NoContent();
    }

    /// <summary>POST /api/registrations/{registrationId}/reset — admin; clears progress in SCORM Cloud and in our record (and the override).</summary>
    public async Task<Results<Ok<RegistrationResponse>, ProblemHttpResult>> ResetAsync(Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null) return RegistrationProblems.NotFound(registrationId);
        if (registration.State != RegistrationState.Active)
        {
            return Problems.Conflict($"Registration '{registrationId}' is {registration.State}; only active registrations can be reset.");
        }
        try
        {
            await cloud.DeleteRegistrationProgressAsync(registrationId, cancellationToken);
        }
        catch (ScormCloudException ex)
        {
            return RegistrationProblems.Cloud(ex, registrationId);
        }
        if (!await RefreshAfterResetAsync(registrationId, cancellationToken))
        {
            await registrations.UpdateWithRetryAsync(registrationId, r =>
            {
                RegistrationResults.Clear(r);
                return true;
            }, cancellationToken);
        }
        if (RegistrationResponse.HasOverride(registration))
        {
            await overrides.ClearAsync(registrationId, caller.Subject, "Cleared by reset.", cancellationToken);
        }
        logger.LogInformation("Registration {RegistrationId} (course {CourseId}) reset by {Actor}", registrationId, registration.CourseId, caller.Subject);
        var current = await registrations.GetAsync(registrationId, cancellationToken);
        return current is null ? RegistrationProblems.NotFound(registrationId) : TypedResults.Ok(RegistrationResponse.From(current));
    }

    /// <summary>
    /// SCORM Cloud's 'updated' moved forward with the reset, so the refresh wins over any older postback in flight. False
    /// when it did not apply (then our copy is cleared instead).
    /// </summary>
    private async Task<bool> RefreshAfterResetAsync(string registrationId, CancellationToken cancellationToken)
    {
        try
        {
            return await refresher.RefreshAsync(registrationId, cancellationToken) == ResultsApplyOutcome.Applied;
        }
        catch (ScormCloudException ex)
        {
            logger.LogWarning("Refresh after reset of {RegistrationId} failed ({Status}); clearing our copy", registrationId, ex.Status);
            return false;
        }
    }
}
