using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// Keyed pseudonyms that stand for a learner or a registration in deletion records, Durable instance ids, logs and
/// spans: HMAC-SHA256 with <c>Signing:LaunchKey</c> over a label and the id, 128 bits as hex. Stable, so a learner's
/// deletion is found again from the learner id; without the key nobody can reverse one or test a guessed id against it
/// (as they could a plain hash). Rotating the launch key changes them: see docs/privacy.md.
/// </summary>
public sealed class LearnerPseudonyms(IOptions<SigningOptions> signing)
{
    private readonly byte[] key = signing.Value.LaunchKeyBytes;

    public string Learner(string learnerId) => Of("learner", learnerId);

    public string Registration(string registrationId) => Of("registration", registrationId);

    private string Of(string label, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(label + "\n" + id));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
