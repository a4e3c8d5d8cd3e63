using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Identity;

/// <summary>
/// Issues ordinary JWTs signed with the development key, validated by <see cref="CallerAuthenticator"/>
/// exactly like production tokens. Only the local host maps it, and only in the Development environment.
/// </summary>
public sealed class DevelopmentTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public string Issue(string subject, IEnumerable<string> roles)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.DevelopmentSigningKey))
        {
            throw new InvalidOperationException("Auth:DevelopmentSigningKey is not set; development tokens are disabled.");
        }
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
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(o.DevelopmentSigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
