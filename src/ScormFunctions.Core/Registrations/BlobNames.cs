using System.Security.Cryptography;
using System.Text;

namespace ScormFunctions.Core.Registrations;

/// <summary>Registration ids as one blob-name segment (blob names are limited to 1024 characters).</summary>
public static class BlobNames
{
    private const int MaxSegmentLength = 256;

    /// <summary>The URL-escaped id, or <c>sha256-{hex}</c> when escaping makes it too long (long non-ASCII ids).</summary>
    public static string Segment(string registrationId)
    {
        var escaped = Uri.EscapeDataString(registrationId);
        return escaped.Length <= MaxSegmentLength
            ? escaped
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(registrationId)));
    }
}
