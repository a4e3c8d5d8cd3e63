using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Security;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// The import job's postback URL: <c>POST /api/postbacks/imports/{importId}?courseId=…&amp;sig=…</c>, anonymous and
/// HMAC-SHA256-signed with <c>Signing:PostbackKey</c> (domain-separated from registration postbacks). A valid
/// postback only makes the tracker poll now; its body is not trusted.
/// </summary>
public sealed class ImportPostbackSigner(IOptions<SigningOptions> signing, IOptions<AppOptions> app)
{
    private const string Purpose = "import-postback";

    private readonly HmacSigner signer = new(signing.Value.PostbackKeyBytes);

    public Uri PostbackUrl(string courseId, string importId)
    {
        var path = $"api/postbacks/imports/{Uri.EscapeDataString(importId)}" +
            $"?courseId={Uri.EscapeDataString(courseId)}&sig={Sign(courseId, importId)}";
        var root = app.Value.PublicBaseUrl.AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), path);
    }

    public string Sign(string courseId, string importId) => signer.Sign(Purpose, courseId, importId);

    public bool Verify(string courseId, string importId, string? signature) => signer.Verify(signature, Purpose, courseId, importId);
}
