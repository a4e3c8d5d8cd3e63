using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.Core.Configuration;

/// <summary>Server secrets for signed launch URLs and per-registration postback credentials (Key Vault in Azure).</summary>
public sealed class SigningOptions : IValidatableObject
{
    public const string SectionName = "Signing";

    /// <summary>Base64 HMAC key for launch URLs (at least 32 bytes).</summary>
    public string? LaunchKey { get; set; }

    /// <summary>Base64 HMAC key from which postback credentials are derived (at least 32 bytes).</summary>
    public string? PostbackKey { get; set; }

    /// <summary>
    /// During a key rotation, the previous postback key (base64, at least 32 bytes): credentials derived from it are
    /// still accepted, so registrations created before the rotation keep delivering. Remove it once they no longer matter.
    /// </summary>
    public string? PreviousPostbackKey { get; set; }

    public byte[] LaunchKeyBytes => Convert.FromBase64String(LaunchKey ?? "");

    public byte[] PostbackKeyBytes => Convert.FromBase64String(PostbackKey ?? "");

    public byte[]? PreviousPostbackKeyBytes => string.IsNullOrEmpty(PreviousPostbackKey) ? null : Convert.FromBase64String(PreviousPostbackKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var keys = new List<(string, string?)> { ("Signing:LaunchKey", LaunchKey), ("Signing:PostbackKey", PostbackKey) };
        if (!string.IsNullOrEmpty(PreviousPostbackKey)) keys.Add(("Signing:PreviousPostbackKey", PreviousPostbackKey));
        foreach (var (name, value) in keys)
        {
            if (!IsStrongKey(value))
            {
                yield return new ValidationResult(
                    $"{name} must be a base64 key of at least 32 bytes (e.g. `openssl rand -base64 32`).", [name]);
            }
        }
    }

    private static bool IsStrongKey(string? value)
    {
        var buffer = new byte[((value?.Length ?? 0) * 3 / 4) + 3];
        return !string.IsNullOrWhiteSpace(value)
            && Convert.TryFromBase64String(value, buffer, out var written)
            && written >= 32;
    }
}
