using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// The import job's postback URL: <c>POST /api/postbacks/imports/{importId}?courseId=…&amp;sig=…</c>, anonymous and
/// HMAC-SHA256-signed with <c>Signing:PostbackKey</c> (domain-separated from registration postbacks). A valid
/// postback only makes the tracker poll now; its body is not trusted.
/// </summary>
public sealed class ImportPostbackSigner(IOptions<SigningOptions> signing, IOptions<AppOptions> app)
{
    public Uri PostbackUrl(string courseId, string importId)
    {
        var path = $"api/postbacks/imports/{Uri.EscapeDataString(importId)}" +
            $"?courseId={Uri.EscapeDataString(courseId)}&sig={Sign(courseId, importId)}";
        var root = app.Value.PublicBaseUrl.AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), path);
    }

    public string Sign(string courseId, string importId)
    {
        var mac = HMACSHA256.HashData(signing.Value.PostbackKeyBytes, Encoding.UTF8.GetBytes($"import-postback\n{courseId}\n{importId}"));
        return Base64Url.EncodeToString(mac);
    }

    public bool Verify(string courseId, string importId, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(courseId, importId));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
