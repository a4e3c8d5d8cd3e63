using ScormCloud.Client.Models;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// The one mapping from SCORM Cloud's <see cref="Registration"/> (postback JSON, V1 XML converted to it, or a
/// refresh) to the reported fields of our record.
/// </summary>
public static class RegistrationResults
{
    public const string Completed = "completed";
    public const string Incomplete = "incomplete";
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Unknown = "unknown";

    public static string Completion(RegistrationCompletion value) => value switch
    {
        RegistrationCompletion.Completed => Completed,
        RegistrationCompletion.Incomplete => Incomplete,
        _ => Unknown,
    };

    public static string Success(RegistrationSuccess value) => value switch
    {
        RegistrationSuccess.Passed => Passed,
        RegistrationSuccess.Failed => Failed,
        _ => Unknown,
    };

    public static bool IsCompletion(string? value) => value is Completed or Incomplete or Unknown;

    public static bool IsSuccess(string? value) => value is Passed or Failed or Unknown;

    /// <summary>The scaled score clamped to 0–100, or null.</summary>
    private static double? ScoreOf(Registration reported) =>
        reported.Score?.Scaled is { } score && double.IsFinite(score) ? Math.Clamp(score, 0, 100) : null;

    /// <summary>Seconds tracked, never negative.</summary>
    private static double SecondsOf(Registration reported) =>
        double.IsFinite(reported.TotalSecondsTracked) ? Math.Max(0, reported.TotalSecondsTracked) : 0;

    /// <summary>Copies the reported values onto <paramref name="entity"/>; <paramref name="updated"/> becomes its ordering stamp.</summary>
    public static void Apply(RegistrationEntity entity, Registration reported, DateTimeOffset updated, string? detailsBlob)
    {
        if (reported.Instance != entity.Instance) entity.DetailsBlob = null; // the details were the older instance's
        Copy(entity, reported, updated);
        if (detailsBlob is not null) entity.DetailsBlob = detailsBlob;
    }

    /// <summary>The stored form of a report (registration record or instance history row); <paramref name="updated"/> is its ordering stamp.</summary>
    public static void Copy(IReportedResult target, Registration reported, DateTimeOffset updated)
    {
        target.Instance = reported.Instance;
        if (reported.Course?.Version is { } version) target.CourseVersion = version;
        target.Completion = Completion(reported.RegistrationCompletion);
        target.Success = Success(reported.RegistrationSuccess);
        target.Score = ScoreOf(reported);
        target.TotalSecondsTracked = SecondsOf(reported);
        target.FirstAccessDate = reported.FirstAccessDate;
        target.LastAccessDate = reported.LastAccessDate;
        target.CompletedDate = reported.CompletedDate;
        target.ReportedUpdatedAt = updated;
    }

    /// <summary>Clears the reported values (after a reset), keeping the ordering stamp so older postbacks stay ignored.</summary>
    public static void Clear(RegistrationEntity entity)
    {
        entity.Completion = null;
        entity.Success = null;
        entity.Score = null;
        entity.TotalSecondsTracked = null;
        entity.FirstAccessDate = null;
        entity.LastAccessDate = null;
        entity.CompletedDate = null;
        entity.DetailsBlob = null;
    }
}
