using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Registrations.Retakes;

/// <summary>
/// Retakes: a new SCORM Cloud instance of a registration, and the per-instance result history. The current (highest)
/// instance's result is the registration's reported result; overrides stay on the registration.
/// </summary>
public sealed class RetakeHandlers(
    AccessControl access,
    RegistrationRepository registrations,
    RegistrationHandlers registrationHandlers,
    RegistrationRefresher refresher,
    RegistrationInstanceHistory history,
    ScormCloudClient cloud,
    IOptions<RegistrationOptions> options,
    ILogger<RetakeHandlers> logger)
{
    /// <summary>POST /api/registrations/{registrationId}/instances — admin, or the owner when <c>Registrations:LearnerMayRetake</c>.</summary>
    public async Task<IResult> CreateInstanceAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireCallerAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null) return Problems.NotFound($"Registration '{registrationId}' does not exist.");
        if (AccessControl.ForbidUnlessOwner(auth.Caller, registration.LearnerId) is { } forbidden) return forbidden;
        if (!auth.Caller.IsAdmin && !LearnerMayRetake) return Problems.Forbidden("Only an admin can start a retake.");
        if (registration.State != RegistrationState.Active)
        {
            return Problems.Conflict($"Registration '{registrationId}' is {registration.State}; only active registrations can be retaken.");
        }

        try
        {
            // Settle the current instance's final result first, so its history row is complete.
            await refresher.RefreshAsync(registrationId, cancellationToken);
            var before = (await cloud.GetRegistrationProgressAsync(registrationId, null, cancellationToken)).Instance;
            if (!await CreateInstanceOnceAsync(registrationId, before, cancellationToken))
            {
                return Problems.Unavailable("SCORM Cloud did not answer; no retake was started. Try again.");
            }
        }
        catch (ScormCloudException ex)
        {
            return RegistrationHandlers.CloudProblem(ex, registrationId);
        }

        try
        {
            await refresher.RefreshAsync(registrationId, cancellationToken);
        }
        catch (ScormCloudException ex)
        {
            // The instance exists: answering an error would invite a second retake. Its postback will bring the rest.
            logger.LogWarning("Refresh after the retake of {RegistrationId} failed ({Status})", registrationId, ex.Status);
        }
        var current = await registrations.GetAsync(registrationId, cancellationToken) ?? registration;
        logger.LogInformation("Retake of {RegistrationId} (course {CourseId}) by {Actor}: instance {Instance}",
            registrationId, current.CourseId, auth.Caller.Subject, current.Instance);
        return Results.Created($"/api/registrations/{Uri.EscapeDataString(registrationId)}/instances",
            RegistrationResponse.From(current, includeOverride: auth.Caller.IsAdmin));
    }

    /// <summary>GET /api/registrations/{registrationId}/instances — owner or admin; every instance with its latest result, oldest first.</summary>
    public async Task<IResult> ListInstancesAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, caller, denied) = await registrationHandlers.AuthorizeCallerAsync(request, registrationId, cancellationToken);
        if (denied is not null) return denied;
        var rows = await history.ListAsync(registrationId, cancellationToken);
        var items = rows.Select(r => RegistrationInstanceResponse.From(r, registration!.Instance)).ToList();
        if (!rows.Any(r => r.Instance == registration!.Instance))
        {
            // Nothing reported for the current instance since history began: show what the registration holds.
            items.Add(RegistrationInstanceResponse.From(registration!, registration!.Instance));
        }
        return Results.Ok(new RegistrationInstancesResponse(
            registrationId, registration!.Instance, MayRetake(caller!, registration), items.OrderBy(i => i.Instance).ToList()));
    }

    private bool LearnerMayRetake => options.Value.LearnerMayRetake;

    /// <summary>What <see cref="CreateInstanceAsync"/> would allow this caller (an owner or an admin), so a UI offers the button only then.</summary>
    private bool MayRetake(Caller caller, RegistrationEntity registration) =>
        registration.State == RegistrationState.Active && (caller.IsAdmin || LearnerMayRetake);

    /// <summary>
    /// SCORM Cloud's create is never retried (each POST is a new instance); when its answer is lost, the current instance
    /// number tells whether it went through. False when it did not.
    /// </summary>
    private async Task<bool> CreateInstanceOnceAsync(string registrationId, int before, CancellationToken cancellationToken)
    {
        try
        {
            await cloud.CreateRegistrationInstanceAsync(registrationId, cancellationToken);
            return true;
        }
        catch (ScormCloudException ex) when (ex.Status is 0 or >= 500)
        {
            var after = (await cloud.GetRegistrationProgressAsync(registrationId, null, cancellationToken)).Instance;
            logger.LogWarning("Creating an instance of {RegistrationId} failed ({Status}); instance {Before} → {After}", registrationId, ex.Status, before, after);
            return after > before;
        }
    }
}
