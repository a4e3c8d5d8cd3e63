using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Identity;

/// <summary>
/// Bearer tokens are validated by ASP.NET Core's JwtBearer handler in both hosts, configured from <c>Auth:*</c>: the
/// issuer's OpenID Connect document supplies the signing keys (refetched when a token names an unknown key id), the
/// audience and issuer must match, and claims keep their JWT names (no inbound mapping), so roles are read from
/// <see cref="AuthOptions.RoleClaim"/> only. A host may add keys of its own (the local host's development key).
/// </summary>
public static class CallerAuthentication
{
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<AccessControl>();
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        var issuer = string.IsNullOrWhiteSpace(auth.Issuer) ? null : auth.Issuer;
        var metadata = auth.MetadataAddress?.AbsoluteUri ?? (issuer is null ? null : issuer.TrimEnd('/') + "/.well-known/openid-configuration");
        jwt.MetadataAddress = metadata!;
        jwt.RequireHttpsMetadata = metadata?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ?? true;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.MapInboundClaims = false;
        jwt.Audience = auth.Audience;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            // With metadata the issuer it names is accepted too (Auth:Issuer may be left out then).
            ValidateIssuer = issuer is not null || metadata is not null,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            NameClaimType = auth.SubjectClaim,
            RoleClaimType = auth.RoleClaim,
        };
        jwt.Events = new JwtBearerEvents { OnMessageReceived = RequireSigningKeysAsync };
    }

    /// <summary>
    /// Fetches the OpenID Connect document before validation (cached by the configuration manager), so that an identity
    /// provider we cannot reach is told apart from a bad token: 503 instead of 401.
    /// </summary>
    private static async Task RequireSigningKeysAsync(MessageReceivedContext context)
    {
        if (context.Options.ConfigurationManager is not { } metadata) return;
        var aborted = context.HttpContext.RequestAborted;
        try
        {
            await metadata.GetConfigurationAsync(aborted);
        }
        catch (InvalidOperationException ex) when (!aborted.IsCancellationRequested)
        {
            context.Fail(new IdentityProviderUnavailableException(ex));
        }
    }
}

/// <summary>The identity provider's OpenID Connect document or keys could not be fetched.</summary>
public sealed class IdentityProviderUnavailableException(Exception inner)
    : Exception("The identity provider's signing keys cannot be retrieved.", inner);
