namespace ScormFunctions.Core.Configuration;

/// <summary>
/// How callers are authenticated: OIDC / Entra ID bearer tokens (issuer, audience, signing keys from the
/// metadata document), or the App Service Authentication principal header when the app trusts it.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Expected token issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected audience (the API's application id URI or client id).</summary>
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

    /// <summary>
    /// Symmetric key (base64) for development tokens. Set only by the local host in the Development
    /// environment; never configured in Azure.
    /// </summary>
    public string? DevelopmentSigningKey { get; set; }
}
