using System.Security.Cryptography;
using System.Text;

namespace ScormFunctions.Core.Registrations;

/// <summary>Registration ids we choose.</summary>
public static class RegistrationIds
{
    /// <summary>
    /// The deterministic id of a learner's registration for a course (used when an assignment gives no id, and by a
    /// learner's first launch), so concurrent clicks and repeated requests converge on one registration.
    /// </summary>
    public static string For(string courseId, string learnerId)
    {
        var input = Encoding.UTF8.GetBytes($"{courseId.Length}:{courseId}\n{learnerId.Length}:{learnerId}");
        return "r-" + Convert.ToHexStringLower(SHA256.HashData(input).AsSpan(0, 16));
    }
}
