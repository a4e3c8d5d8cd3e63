using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Identity;

/// <summary>
/// Every endpoint declares its callers through one of these checks: admin, any authenticated caller
/// (learners then see only their own records), or none (anonymous endpoints and signed URLs).
/// Missing or invalid token → 401; authenticated but not allowed → 403.
/// </summary>
public sealed class AccessControl(CallerAuthenticator authenticator)
{
    public async Task<AccessResult> RequireAdminAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var result = await RequireCallerAsync(request, cancellationToken);
        if (!result.Allowed) return result;
        return result.Caller.IsAdmin
            ? result
            : AccessResult.Deny(Problems.Forbidden("This operation requires the admin role."));
    }

    public async Task<AccessResult> RequireCallerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var outcome = await authenticator.AuthenticateAsync(request, cancellationToken);
        if (outcome.Caller is { } caller) return AccessResult.Allow(caller);
        return AccessResult.Deny(outcome.Unavailable
            ? Problems.Unavailable(outcome.Failure ?? "Authentication is unavailable.")
            : Problems.Unauthorized(outcome.Failure ?? "Authentication required."));
    }

    /// <summary>403 unless the caller is an admin or the learner themself.</summary>
    public static IResult? ForbidUnlessOwner(Caller caller, string learnerId) =>
        caller.CanAccessLearner(learnerId) ? null : Problems.Forbidden("You can only access your own registrations.");
}

/// <summary>The caller when allowed, or the problem to return.</summary>
public readonly record struct AccessResult(Caller? Caller, IResult? Denied)
{
    [MemberNotNullWhen(true, nameof(Caller))]
    [MemberNotNullWhen(false, nameof(Denied))]
    public bool Allowed => Denied is null;

    public static AccessResult Allow(Caller caller) => new(caller, null);

    public static AccessResult Deny(IResult problem) => new(null, problem);
}
