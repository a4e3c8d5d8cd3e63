using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Identity;

/// <summary>
/// The edge's one check of who is calling, run by both hosts before an endpoint binds anything (the local host's
/// middleware, the Functions worker middleware) with the endpoint's <see cref="CallerAccess"/>. Missing or invalid
/// credentials → 401 with <c>WWW-Authenticate: Bearer</c>; the identity provider unreachable → 503; authenticated but
/// not allowed → 403. Requests without a token are answered without reading the body or calling anyone.
/// </summary>
public sealed class AccessControl(CallerAuthenticator authenticator)
{
    /// <summary>Null when the request may go on (the caller, when one is required, is then on the context); else the problem to answer.</summary>
    public async Task<IResult?> AuthorizeAsync(HttpContext context, CallerAccess access)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (access is not (CallerAccess.Authenticated or CallerAccess.Admin)) return null;
        var outcome = await authenticator.AuthenticateAsync(context);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Unavailable
                ? Problems.Unavailable(outcome.Failure ?? "Authentication is unavailable.")
                : Problems.Unauthorized(outcome.Failure ?? "Authentication required.").WithHeader("WWW-Authenticate", outcome.Challenge);
        }
        if (access == CallerAccess.Admin && !caller.IsAdmin) return Problems.Forbidden("This operation requires the admin role.");
        context.SetCaller(caller);
        return null;
    }

    /// <summary>403 unless the caller is an admin or the learner themself.</summary>
    public static ProblemHttpResult? ForbidUnlessOwner(Caller caller, string learnerId) =>
        caller.CanAccessLearner(learnerId) ? null : Problems.Forbidden("You can only access your own registrations.");
}
