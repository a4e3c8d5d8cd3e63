namespace ScormFunctions.Core.Registrations;

/// <summary>
/// A registration as the API returns it: SCORM Cloud's reported values, the admin override and the effective result;
/// <c>instance</c> is the current SCORM Cloud instance (one more per retake) and <c>courseVersion</c> the course version it runs.
/// </summary>
public sealed record RegistrationResponse(
    string RegistrationId,
    string CourseId,
    LearnerResponse Learner,
    string State,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ReportedResponse Reported,
    OverrideResponse? Override,
    EffectiveResponse Effective,
    int Instance,
    int? CourseVersion)
{
    public static RegistrationResponse From(RegistrationEntity e) => From(e, includeOverride: true);

    /// <summary>
    /// The response for a caller: admins see the override (with its reason and author); learners see the effective
    /// values only — the reason and the admin's identity are admin information.
    /// </summary>
    public static RegistrationResponse From(RegistrationEntity e, bool includeOverride)
    {
        var reported = new ReportedResponse(
            e.Completion ?? RegistrationResults.Unknown, e.Success ?? RegistrationResults.Unknown, e.Score, e.TotalSecondsTracked ?? 0,
            e.FirstAccessDate, e.LastAccessDate, e.CompletedDate, e.ReportedUpdatedAt, !string.IsNullOrEmpty(e.DetailsBlob));
        var overridden = HasOverride(e)
            ? new OverrideResponse(e.OverrideCompletion, e.OverrideSuccess, e.OverrideScore, e.OverrideReason, e.OverrideBy, e.OverrideAt)
            : null;
        var effective = new EffectiveResponse(
            overridden?.Completion ?? reported.Completion,
            overridden?.Success ?? reported.Success,
            overridden?.Score ?? reported.Score,
            reported.TotalSeconds,
            overridden is not null);
        return new RegistrationResponse(
            e.PartitionKey, e.CourseId, new LearnerResponse(e.LearnerId, e.LearnerFirstName, e.LearnerLastName, e.LearnerEmail),
            e.State, e.FailureReason, e.CreatedAt, e.UpdatedAt, reported, includeOverride ? overridden : null, effective,
            e.Instance, e.CourseVersion);
    }

    public static bool HasOverride(RegistrationEntity e) =>
        e.OverrideCompletion is not null || e.OverrideSuccess is not null || e.OverrideScore is not null;
}

public sealed record LearnerResponse(string Id, string? FirstName, string? LastName, string? Email);

/// <summary>What SCORM Cloud reported (postback or refresh); <c>updatedAt</c> is SCORM Cloud's <c>updated</c>.</summary>
public sealed record ReportedResponse(
    string Completion,
    string Success,
    double? Score,
    double TotalSeconds,
    DateTimeOffset? FirstAccessDate,
    DateTimeOffset? LastAccessDate,
    DateTimeOffset? CompletedDate,
    DateTimeOffset? UpdatedAt,
    bool HasDetails);

/// <summary>An admin's override; null fields are not overridden.</summary>
public sealed record OverrideResponse(string? Completion, string? Success, double? Score, string? Reason, string? By, DateTimeOffset? At);

/// <summary>Override where set, otherwise reported.</summary>
public sealed record EffectiveResponse(string Completion, string Success, double? Score, double TotalSeconds, bool Overridden);

/// <summary>One entry of the override history.</summary>
public sealed record OverrideHistoryResponse(string Action, string? Completion, string? Success, double? Score, string? Reason, string By, DateTimeOffset At)
{
    public static OverrideHistoryResponse From(RegistrationOverrideEntity e) => new(e.Action, e.Completion, e.Success, e.Score, e.Reason, e.By, e.At);
}
