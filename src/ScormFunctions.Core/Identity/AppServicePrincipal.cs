using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Identity;

/// <summary>
/// Reads the <c>X-MS-CLIENT-PRINCIPAL</c> header that App Service Authentication adds after validating the
/// caller itself. Only trusted when <see cref="AuthOptions.TrustAppServiceAuthentication"/> is on, because
/// the platform strips the header from outside requests only when that feature is enabled.
/// </summary>
public static class AppServicePrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    public static bool TryRead(string headerValue, AuthOptions options, out Caller caller)
    {
        caller = null!;
        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(headerValue));
            var principal = JsonSerializer.Deserialize<PrincipalDocument>(json);
            if (principal?.Claims is null) return false;
            string? subject = null;
            var roles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var claim in principal.Claims)
            {
                if (claim.Type == options.SubjectClaim
                    || (subject is null && claim.Type == "http://schemas.microsoft.com/identity/claims/objectidentifier"))
                {
                    subject = claim.Value;
                }
                // Only the configured role claim (not the document's role_typ, which the caller's token shapes).
                if (claim.Type == options.RoleClaim) roles.Add(claim.Value ?? "");
            }
            if (string.IsNullOrEmpty(subject)) return false;
            caller = new Caller(subject, roles, roles.Contains(options.AdminRole));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return false;
        }
    }

    private sealed record PrincipalDocument(
        [property: JsonPropertyName("role_typ")] string? RoleType,
        [property: JsonPropertyName("claims")] IReadOnlyList<PrincipalClaim>? Claims);

    private sealed record PrincipalClaim(
        [property: JsonPropertyName("typ")] string Type,
        [property: JsonPropertyName("val")] string? Value);
}
