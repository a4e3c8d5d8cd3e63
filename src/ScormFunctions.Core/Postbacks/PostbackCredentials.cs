using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// Per-registration postback credentials: the user name is the registration id, the password is
/// HMAC-SHA256(<see cref="SigningOptions.PostbackKey"/>, registration id), base64url. The password is derived when
/// SCORM Cloud is told about it and again when a postback arrives; it is never stored or logged.
/// </summary>
public sealed class PostbackCredentials(IOptions<SigningOptions> signing)
{
    private const string Purpose = "scormfunctions/postback/v1\n";

    public string PasswordFor(string registrationId) => Base64Url.EncodeToString(Compute(registrationId));

    /// <summary>True when <paramref name="password"/> is the one derived for <paramref name="registrationId"/> (constant time).</summary>
    public bool Verify(string? registrationId, string? password)
    {
        if (string.IsNullOrEmpty(registrationId) || string.IsNullOrEmpty(password)) return false;
        var given = Encoding.UTF8.GetBytes(password);
        var current = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Compute(registrationId))), given);
        // During a rotation (Signing:PreviousPostbackKey), credentials handed out under the old key stay valid.
        var previousKey = signing.Value.PreviousPostbackKey;
        var previous = !string.IsNullOrEmpty(previousKey) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Compute(Convert.FromBase64String(previousKey), registrationId))), given);
        return current | previous;
    }

    private byte[] Compute(string registrationId) => Compute(signing.Value.PostbackKeyBytes, registrationId);

    private static byte[] Compute(byte[] key, string registrationId) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Purpose + registrationId));
}
