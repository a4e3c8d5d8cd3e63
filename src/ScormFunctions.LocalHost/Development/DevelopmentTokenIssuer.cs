using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// <c>Auth:DevelopmentSigningKey</c>: a symmetric key (base64) the local host trusts in the Development environment
/// only, instead of an identity provider. The Functions app has no such setting: it cannot trust development tokens.
/// </summary>
public sealed class DevelopmentAuthOptions
{
    public const string SectionName = AuthOptions.SectionName;

    public string? DevelopmentSigningKey { get; set; }

    public SymmetricSecurityKey? SigningKey =>
        string.IsNullOrWhiteSpace(DevelopmentSigningKey) ? null : new SymmetricSecurityKey(Convert.FromBase64String(DevelopmentSigningKey));
}

/// <summary>
/// Issues ordinary JWTs signed with the development key, validated by the same JwtBearer handler as production tokens
/// (the key replaces the identity provider's keys). Only the local host registers it, and only in Development.
/// </summary>
public sealed class DevelopmentTokenIssuer(IOptions<AuthOptions> auth, IOptions<DevelopmentAuthOptions> development, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public bool Enabled => development.Value.SigningKey is not null;

    public string Issue(string subject, IEnumerable<string> roles)
    {
        var key = development.Value.SigningKey
            ?? throw new InvalidOperationException("Auth:DevelopmentSigningKey is not set; development tokens are disabled.");
        var o = auth.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(o.SubjectClaim, subject) };
        claims.AddRange(roles.Select(r => new Claim(o.RoleClaim, r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}

public static class DevelopmentTokenServiceCollectionExtensions
{
    /// <summary>
    /// Development only: when <c>Auth:DevelopmentSigningKey</c> is set, bearer tokens are validated with that key instead
    /// of the identity provider's (no metadata is fetched), and <see cref="DevelopmentTokenIssuer"/> issues them.
    /// </summary>
    public static IServiceCollection AddDevelopmentTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DevelopmentAuthOptions>().Bind(configuration.GetSection(DevelopmentAuthOptions.SectionName));
        services.AddSingleton<DevelopmentTokenIssuer>();
        // A Configure after the core's: it runs later, so the key wins over the metadata address.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<DevelopmentAuthOptions>>((jwt, development) =>
            {
                if (development.Value.SigningKey is not { } key) return;
                jwt.MetadataAddress = null!;
                jwt.Authority = null;
                jwt.TokenValidationParameters.IssuerSigningKey = key;
                jwt.TokenValidationParameters.ValidateIssuer = jwt.TokenValidationParameters.ValidIssuer is not null;
            });
        return services;
    }
}
