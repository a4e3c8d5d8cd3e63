namespace ScormFunctions.Core.Registrations.Retakes;

/// <summary>
/// The instances of a registration; <c>currentInstance</c>'s result is the registration's reported result, and
/// <c>mayRetake</c> tells whether the caller may start a retake now (admin, or the owner with <c>Registrations:LearnerMayRetake</c>).
/// </summary>
public sealed record RegistrationInstancesResponse(
    string RegistrationId, int CurrentInstance, bool MayRetake, IReadOnlyList<RegistrationInstanceResponse> Items);

/// <summary>One instance and the latest result SCORM Cloud reported for it.</summary>
public sealed record RegistrationInstanceResponse(
    int Instance,
    bool Current,
    int? CourseVersion,
    string Completion,
    string Success,
    double? Score,
    double TotalSeconds,
    DateTimeOffset? FirstAccessDate,
    DateTimeOffset? LastAccessDate,
    DateTimeOffset? CompletedDate,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>An instance as its history row or, for the current one, the registration record holds it.</summary>
    public static RegistrationInstanceResponse From(IReportedResult e, int currentInstance) => new(
        e.Instance, e.Instance == currentInstance, e.CourseVersion, e.Completion ?? RegistrationResults.Unknown, e.Success ?? RegistrationResults.Unknown,
        e.Score, e.TotalSecondsTracked ?? 0, e.FirstAccessDate, e.LastAccessDate, e.CompletedDate, e.ReportedUpdatedAt);
}
