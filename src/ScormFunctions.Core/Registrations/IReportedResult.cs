namespace ScormFunctions.Core.Registrations;

/// <summary>
/// The result SCORM Cloud reported for one instance of a registration, as stored: on the registration record (the
/// current instance) and on each instance's history row. <see cref="RegistrationResults.Copy"/> fills it from a report.
/// </summary>
public interface IReportedResult
{
    int Instance { get; set; }

    int? CourseVersion { get; set; }

    string? Completion { get; set; }

    string? Success { get; set; }

    double? Score { get; set; }

    double? TotalSecondsTracked { get; set; }

    DateTimeOffset? FirstAccessDate { get; set; }

    DateTimeOffset? LastAccessDate { get; set; }

    DateTimeOffset? CompletedDate { get; set; }

    DateTimeOffset? ReportedUpdatedAt { get; set; }
}
