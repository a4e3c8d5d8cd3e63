using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ScormFunctions.Core.Security;

/// <summary>
/// HMAC-SHA256 over <c>{purpose}\n{part}\n{part}…</c> (UTF-8), written as base64url without padding. The purpose
/// separates what one key signs (a launch signature is never a valid postback password). Signatures we handed out live
/// in browsers and in SCORM Cloud, so the message layout must never change for an existing purpose.
/// </summary>
public sealed class HmacSigner
{
    private readonly byte[] key;
    private readonly byte[]? previousKey;

    /// <param name="key">The signing key.</param>
    /// <param name="previousKey">During a key rotation, the key being retired: its signatures still verify, new ones use <paramref name="key"/>.</param>
    public HmacSigner(byte[] key, byte[]? previousKey = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.key = key;
        this.previousKey = previousKey;
    }

    public string Sign(string purpose, params ReadOnlySpan<string> parts) => Base64Url.EncodeToString(Mac(key, purpose, parts));

    /// <summary>True when <paramref name="signature"/> is this message's signature under the key or the previous key (constant time).</summary>
    public bool Verify(string? signature, string purpose, params ReadOnlySpan<string> parts)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var given = Encoding.UTF8.GetBytes(signature);
        var valid = Matches(key, given, purpose, parts);
        // Both keys are always checked, so the time taken does not tell which one signed.
        if (previousKey is not null) valid |= Matches(previousKey, given, purpose, parts);
        return valid;
    }

    private static bool Matches(byte[] key, byte[] given, string purpose, ReadOnlySpan<string> parts) =>
        CryptographicOperations.FixedTimeEquals(Base64Url.EncodeToUtf8(Mac(key, purpose, parts)), given);

    private static byte[] Mac(byte[] key, string purpose, ReadOnlySpan<string> parts) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\n', [purpose, .. parts])));
}
