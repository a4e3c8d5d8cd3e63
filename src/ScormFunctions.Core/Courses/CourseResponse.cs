using System.Text.Json;

namespace ScormFunctions.Core.Courses;

/// <summary>A course as the API returns it.</summary>
public sealed record CourseResponse(
    string CourseId,
    string Status,
    string? Title,
    string? LearningStandard,
    int? Version,
    string? LatestImportId,
    IReadOnlyList<string> ParserWarnings,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CourseResponse From(CourseEntity e) => new(
        e.RowKey, e.Status, e.Title, e.LearningStandard, e.Version, e.LatestImportId,
        string.IsNullOrEmpty(e.ParserWarnings) ? [] : JsonSerializer.Deserialize<string[]>(e.ParserWarnings) ?? [],
        e.LastError, e.CreatedAt, e.UpdatedAt);
}
