using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Security;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// Per-registration postback credentials: the user name is the registration id, the password is
/// HMAC-SHA256(<see cref="SigningOptions.PostbackKey"/>, registration id), base64url. The password is derived when
/// SCORM Cloud is told about it and again when a postback arrives; it is never stored or logged.
/// </summary>
public sealed class PostbackCredentials(IOptions<SigningOptions> signing)
{
    private const string Purpose = "scormfunctions/postback/v1";

    // During a rotation (Signing:PreviousPostbackKey), credentials handed out under the old key stay valid.
    private readonly HmacSigner signer = new(signing.Value.PostbackKeyBytes, signing.Value.PreviousPostbackKeyBytes);

    public string PasswordFor(string registrationId) => signer.Sign(Purpose, registrationId);

    /// <summary>True when <paramref name="password"/> is the one derived for <paramref name="registrationId"/> (constant time).</summary>
    public bool Verify(string? registrationId, string? password) =>
        !string.IsNullOrEmpty(registrationId) && signer.Verify(password, Purpose, registrationId);
}
