using System.Security.Cryptography;
using System.Text;

namespace ScormFunctions.Core.Events;

/// <summary>
/// Webhook signatures in the Standard Webhooks scheme (https://www.standardwebhooks.com): headers <c>webhook-id</c>
/// (the event id), <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c> = <c>v1,</c> + base64 of
/// HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, keyed with the base64-decoded secret (a <c>whsec_</c> prefix is
/// dropped first). Any Standard Webhooks library verifies it; docs/registrations.md shows it in a few lines.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const string SecretPrefix = "whsec_";
    private const int MinSecretBytes = 24;

    /// <summary>The <c>webhook-signature</c> value for one delivery.</summary>
    public static string Sign(ReadOnlySpan<byte> key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>
    /// True when one of the space-separated signatures in <paramref name="signatureHeader"/> matches and the timestamp
    /// is within <paramref name="tolerance"/> of <paramref name="now"/> (replay protection). What a receiver does.
    /// </summary>
    public static bool Verify(
        ReadOnlySpan<byte> key, string? id, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(id) || !long.TryParse(timestamp, out var seconds) || string.IsNullOrEmpty(signatureHeader)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(key, id, seconds, body));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected)) return true;
        }
        return false;
    }

    /// <summary>Reads a secret (<c>whsec_</c> + base64, or plain base64) into its key bytes; false when it is not one or too short.</summary>
    public static bool TryReadSecret(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(secret)) return false;
        var text = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written < MinSecretBytes) return false;
        key = buffer[..written];
        return true;
    }

    /// <summary>The key bytes of a validated secret.</summary>
    public static byte[] ReadSecret(string? secret) =>
        TryReadSecret(secret, out var key) ? key : throw new InvalidOperationException("Not a webhook secret (validated at start-up).");
}
