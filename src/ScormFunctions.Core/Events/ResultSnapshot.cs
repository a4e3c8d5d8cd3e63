using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Events;

/// <summary>
/// What decides whether a write is an event: the effective completion, success and score, and whether an override is
/// in force. Time tracked, access dates and reported values hidden by an override are left out on purpose: they change
/// on nearly every postback and would flood the LMS with events that change nothing it acts on (each event still
/// carries them).
/// </summary>
public sealed record ResultSnapshot(string Completion, string Success, double? Score, bool Overridden)
{
    /// <summary>A registration nothing has been reported for (what a record not read through the repository is compared with).</summary>
    public static readonly ResultSnapshot Empty = new(RegistrationResults.Unknown, RegistrationResults.Unknown, null, false);

    public static ResultSnapshot Of(RegistrationEntity registration)
    {
        var effective = RegistrationResponse.From(registration).Effective;
        return new ResultSnapshot(effective.Completion, effective.Success, effective.Score, effective.Overridden);
    }
}
