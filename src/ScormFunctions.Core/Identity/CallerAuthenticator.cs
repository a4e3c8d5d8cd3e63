using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Identity;

/// <summary>
/// Authenticates a request without host middleware, so the Functions shell and the local host run the
/// same code: a bearer JWT validated against the configured issuer, audience and signing keys (OIDC
/// metadata, or the development key locally), or the App Service Authentication principal header.
/// </summary>
public sealed partial class CallerAuthenticator
{
    private readonly AuthOptions options;
    private readonly ILogger<CallerAuthenticator> logger;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;
    private readonly SymmetricSecurityKey? developmentKey;

    public CallerAuthenticator(IOptions<AuthOptions> options, ILogger<CallerAuthenticator> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        if (!string.IsNullOrWhiteSpace(this.options.DevelopmentSigningKey))
        {
            developmentKey = new SymmetricSecurityKey(Convert.FromBase64String(this.options.DevelopmentSigningKey));
        }
        else if (this.options.MetadataAddress is not null || !string.IsNullOrWhiteSpace(this.options.Issuer))
        {
            var address = this.options.MetadataAddress?.ToString()
                ?? this.options.Issuer!.TrimEnd('/') + "/.well-known/openid-configuration";
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                address, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = address.StartsWith("https", StringComparison.Ordinal) });
        }
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (options.TrustAppServiceAuthentication
            && request.Headers.TryGetValue(AppServicePrincipal.HeaderName, out var principalHeader))
        {
            return AppServicePrincipal.TryRead(principalHeader.ToString(), options, out var fromHeader)
                ? AuthenticationOutcome.Success(fromHeader)
                : AuthenticationOutcome.Fail("The App Service principal header is not valid.");
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Fail("A bearer token is required.");
        }

        TokenValidationParameters? parameters;
        try
        {
            parameters = await BuildParametersAsync(cancellationToken);
        }
        catch (InvalidOperationException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The OIDC metadata or signing keys cannot be fetched: our outage, not the caller's fault (503, not 500 or 401).
            LogMetadataUnavailable(logger, ex.GetType().Name);
            return AuthenticationOutcome.Unreachable("The identity provider's signing keys cannot be retrieved right now; try again later.");
        }
        if (parameters is null) return AuthenticationOutcome.Fail("Token validation is not configured (Auth:Issuer / Auth:Audience).");

        var result = await handler.ValidateTokenAsync(authorization["Bearer ".Length..].Trim(), parameters);
        if (!result.IsValid)
        {
            LogRejected(logger, result.Exception?.GetType().Name ?? "invalid");
            return AuthenticationOutcome.Fail("The bearer token is not valid.");
        }
        return ToCaller(result.ClaimsIdentity) is { } caller
            ? AuthenticationOutcome.Success(caller)
            : AuthenticationOutcome.Fail($"The token has no '{options.SubjectClaim}' claim.");
    }

    private async Task<TokenValidationParameters?> BuildParametersAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Audience)) return null;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidateIssuer = !string.IsNullOrWhiteSpace(options.Issuer),
            ValidAudience = options.Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            RoleClaimType = options.RoleClaim,
        };
        if (developmentKey is not null)
        {
            parameters.IssuerSigningKey = developmentKey;
        }
        else if (metadata is not null)
        {
            var configuration = await metadata.GetConfigurationAsync(cancellationToken);
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            parameters.ValidIssuer ??= configuration.Issuer;
            parameters.ValidateIssuer = true;
        }
        else
        {
            return null;
        }
        return parameters;
    }

    private Caller? ToCaller(ClaimsIdentity identity)
    {
        var subject = identity.FindFirst(options.SubjectClaim)?.Value;
        if (string.IsNullOrEmpty(subject)) return null;
        // Roles come from the one configured claim only: a token must not become admin through "role" or ClaimTypes.Role.
        var roles = identity.Claims
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

/// <summary>Either a caller or the reason there is none; <see cref="Unavailable"/> when we could not decide (503).</summary>
public readonly record struct AuthenticationOutcome(Caller? Caller, string? Failure, bool Unavailable = false)
{
    public static AuthenticationOutcome Success(Caller caller) => new(caller, null);

    public static AuthenticationOutcome Fail(string reason) => new(null, reason);

    public static AuthenticationOutcome Unreachable(string reason) => new(null, reason, Unavailable: true);
}
