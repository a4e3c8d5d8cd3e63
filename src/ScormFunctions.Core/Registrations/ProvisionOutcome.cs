namespace ScormFunctions.Core.Registrations;

/// <summary>Result of making sure a registration exists on both sides.</summary>
public enum ProvisionStatus
{
    /// <summary>Created now, on both sides.</summary>
    Created,

    /// <summary>It already existed and is active (a repeated request, or a repaired one).</summary>
    Existing,

    /// <summary>The id is taken by a registration for another course or learner (ours or SCORM Cloud's).</summary>
    Conflict,

    /// <summary>SCORM Cloud refused the create (4xx); our record was removed, so neither side keeps it.</summary>
    Refused,

    /// <summary>SCORM Cloud did not answer usefully; the record stays pending for the next attempt or the sweep.</summary>
    Unavailable,
}

/// <summary>The status, the record (when there is one) and a message for the caller.</summary>
public sealed record ProvisionOutcome(ProvisionStatus Status, RegistrationEntity? Registration, string? Message = null);
