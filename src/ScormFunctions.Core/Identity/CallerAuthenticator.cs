using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Identity;

/// <summary>
/// Who is calling: the App Service Authentication principal header when the app trusts it, otherwise a bearer JWT
/// validated by the platform's JwtBearer handler (<see cref="CallerAuthentication"/>: issuer, audience, the issuer's
/// OpenID Connect signing keys), mapped to a <see cref="Caller"/> through the configured subject and role claims.
/// </summary>
public sealed partial class CallerAuthenticator(IOptions<AuthOptions> options, ILogger<CallerAuthenticator> logger)
{
    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var o = options.Value;
        if (o.TrustAppServiceAuthentication && context.Request.Headers.TryGetValue(AppServicePrincipal.HeaderName, out var principalHeader))
        {
            return AppServicePrincipal.TryRead(principalHeader.ToString(), o, out var fromHeader)
                ? AuthenticationOutcome.Success(fromHeader)
                : AuthenticationOutcome.Fail("The App Service principal header is not valid.");
        }

        // No token: answered here, without the token handler (no metadata fetch).
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Fail("A bearer token is required.", "Bearer");
        }
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Failure is IdentityProviderUnavailableException unavailable)
        {
            // The OIDC metadata or signing keys cannot be fetched: our outage, not the caller's fault (503, not 500 or 401).
            LogMetadataUnavailable(logger, unavailable.InnerException?.GetType().Name ?? "unknown");
            return AuthenticationOutcome.Unreachable("The identity provider's signing keys cannot be retrieved right now; try again later.");
        }
        if (!result.Succeeded)
        {
            LogRejected(logger, result.Failure?.GetType().Name ?? "invalid");
            return AuthenticationOutcome.Fail("The bearer token is not valid.", "Bearer error=\"invalid_token\"");
        }
        return ToCaller(result.Principal, o) is { } caller
            ? AuthenticationOutcome.Success(caller)
            : AuthenticationOutcome.Fail($"The token has no '{o.SubjectClaim}' claim.", "Bearer error=\"invalid_token\"");
    }

    private static Caller? ToCaller(ClaimsPrincipal principal, AuthOptions options)
    {
        var subject = principal.FindFirst(options.SubjectClaim)?.Value;
        if (string.IsNullOrEmpty(subject)) return null;
        // Roles come from the one configured claim only: a token must not become admin through "role" or ClaimTypes.Role.
        var roles = principal.Claims
            .Where(c => string.Equals(c.Type, options.RoleClaim, StringComparison.Ordinal))
            .Select(c => c.Value)
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, roles, roles.Contains(options.AdminRole));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The OpenID Connect metadata (Auth:MetadataAddress / Auth:Issuer) cannot be retrieved ({Reason}).")]
    private static partial void LogMetadataUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a bearer token ({Reason}).")]
    private static partial void LogRejected(ILogger logger, string reason);
}

/// <summary>
/// Either a caller or the reason there is none: <see cref="Unavailable"/> when we could not decide (503), otherwise the
/// <c>WWW-Authenticate</c> <see cref="Challenge"/> of the 401.
/// </summary>
public readonly record struct AuthenticationOutcome(Caller? Caller, string? Failure, bool Unavailable = false, string Challenge = "Bearer")
{
    public static AuthenticationOutcome Success(Caller caller) => new(caller, null);

    public static AuthenticationOutcome Fail(string reason, string challenge = "Bearer") => new(null, reason, Challenge: challenge);

    public static AuthenticationOutcome Unreachable(string reason) => new(null, reason, Unavailable: true);
}
