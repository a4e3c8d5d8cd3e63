using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.Core.Configuration;

/// <summary>
/// How callers are authenticated: OIDC / Entra ID bearer tokens (issuer, audience, signing keys from the
/// metadata document), or the App Service Authentication principal header when the app trusts it. Validated at start.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>Expected token issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected audience (the API's application id URI or client id). Required unless App Service Authentication is trusted.</summary>
    public string? Audience { get; set; }

    /// <summary>OpenID Connect metadata document; defaults to <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public Uri? MetadataAddress { get; set; }

    /// <summary>Role value that makes a caller an administrator. <value>Default: admin</value></summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>
    /// The one claim roles are read from (JWTs and the App Service principal); other role claims (<c>role</c>, the long
    /// Microsoft role claim URI) are ignored. <value>Default: roles</value>
    /// </summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Trust the <c>X-MS-CLIENT-PRINCIPAL</c> header set by App Service Authentication (Easy Auth).</summary>
    public bool TrustAppServiceAuthentication { get; set; }

    /// <summary>Claim that holds the learner id. <value>Default: sub</value></summary>
    public string SubjectClaim { get; set; } = "sub";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Audience) && !TrustAppServiceAuthentication)
        {
            yield return new ValidationResult(
                "Auth:Audience is required: the audience bearer tokens are issued for (the API's application id URI or client id). " +
                "Only an app behind App Service Authentication may leave it out, with Auth:TrustAppServiceAuthentication=true.",
                [nameof(Audience)]);
        }
        if (MetadataAddress is { } metadata && !IsHttpUrl(metadata))
        {
            yield return new ValidationResult($"Auth:MetadataAddress must be an absolute http or https URL; got '{metadata}'.", [nameof(MetadataAddress)]);
        }
        if (string.IsNullOrWhiteSpace(AdminRole) || string.IsNullOrWhiteSpace(RoleClaim) || string.IsNullOrWhiteSpace(SubjectClaim))
        {
            yield return new ValidationResult("Auth:AdminRole, Auth:RoleClaim and Auth:SubjectClaim must not be empty.",
                [nameof(AdminRole), nameof(RoleClaim), nameof(SubjectClaim)]);
        }
    }

    internal static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
