using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Security;

namespace ScormFunctions.Core.Launch;

/// <summary>
/// Our signed launch URLs: <c>{App:PublicBaseUrl}/api/registrations/{id}/launch?exp={unix s}&amp;nonce={128 bits}&amp;sig={HMAC}</c>,
/// HMAC-SHA256 with <see cref="SigningOptions.LaunchKey"/> over the purpose, id, expiry and nonce. A browser can open it
/// without bearer headers; <see cref="LaunchNonceStore"/> makes it single use.
/// </summary>
public sealed class LaunchSigner(IOptions<SigningOptions> signing, IOptions<AppOptions> app, IOptions<RegistrationOptions> options, TimeProvider time)
{
    private const string Purpose = "scormfunctions/launch/v1";

    /// <summary>How far another instance's clock may run ahead of ours when it issued a URL.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    private readonly HmacSigner signer = new(signing.Value.LaunchKeyBytes);

    public SignedLaunch Create(string registrationId)
    {
        var expiresAt = time.GetUtcNow() + options.Value.LaunchUrlLifetime;
        var exp = expiresAt.ToUnixTimeSeconds();
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var sig = signer.Sign(Purpose, registrationId, exp.ToString(CultureInfo.InvariantCulture), nonce);
        var url = new Uri(RegistrationProvisioner.WithSlash(app.Value.PublicBaseUrl),
            $"api/registrations/{Uri.EscapeDataString(registrationId)}/launch?exp={exp.ToString(CultureInfo.InvariantCulture)}&nonce={nonce}&sig={sig}");
        return new SignedLaunch(url, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    /// <summary>
    /// Checks signature first (constant time), then expiry (in the past → expired; further ahead than the lifetime
    /// allows → invalid); the nonce's single use is checked by the caller.
    /// </summary>
    public LaunchCheck Verify(string registrationId, string? exp, string? nonce, string? sig)
    {
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(sig) || nonce.Length > 64 || sig.Length > 64
            || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expSeconds))
        {
            return LaunchCheck.Invalid;
        }
        // The canonical form of the expiry is what was signed (as when it was issued).
        if (!signer.Verify(sig, Purpose, registrationId, expSeconds.ToString(CultureInfo.InvariantCulture), nonce)) return LaunchCheck.Invalid;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        // The lifetime limit holds on verify too: no URL we issue expires further ahead than that (plus clock skew).
        if (expSeconds - now > (long)(options.Value.LaunchUrlLifetime + MaxClockSkew).TotalSeconds) return LaunchCheck.Invalid;
        return now > expSeconds ? LaunchCheck.Expired : LaunchCheck.Valid;
    }
}

/// <summary>A signed launch URL and when it stops working.</summary>
public sealed record SignedLaunch(Uri LaunchUrl, DateTimeOffset ExpiresAt);

public enum LaunchCheck
{
    Valid,
    Invalid,
    Expired,
}
