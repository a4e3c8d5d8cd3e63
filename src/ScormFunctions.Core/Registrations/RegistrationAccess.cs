using Microsoft.AspNetCore.Http.HttpResults;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// The one owner check that needs the record: the edge has resolved the caller; this reads the registration and lets
/// through its learner and admins. Another learner's registration answers 403, like every owner check in this API (ids
/// are not secrets; the 403 reveals existence only).
/// </summary>
public sealed class RegistrationAccess(RegistrationRepository registrations)
{
    /// <summary>The registration the caller may see, or the 400/404/403 problem to answer.</summary>
    public async Task<(RegistrationEntity? Registration, ProblemHttpResult? Denied)> ReadAsync(
        Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return (null, invalid);
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null || registration.State == RegistrationState.Deleted)
        {
            return (null, Problems.NotFound($"Registration '{registrationId}' does not exist."));
        }
        if (AccessControl.ForbidUnlessOwner(caller, registration.LearnerId) is { } forbidden) return (null, forbidden);
        return (registration, null);
    }
}
