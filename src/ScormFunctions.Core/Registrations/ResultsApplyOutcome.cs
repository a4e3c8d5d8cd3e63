namespace ScormFunctions.Core.Registrations;

/// <summary>What became of reported results offered to <see cref="RegistrationResultsStore"/>.</summary>
public enum ResultsApplyOutcome
{
    /// <summary>Written: they were newer than what we held.</summary>
    Applied,

    /// <summary>Same <c>updated</c> as what we hold (a duplicate delivery); nothing changed.</summary>
    Duplicate,

    /// <summary>Older than what we hold (a reordered postback, or a refresh raced by a postback); ignored.</summary>
    Stale,

    /// <summary>We have no (live) record of this registration; ignored.</summary>
    Unknown,
}
