using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The outcome of a finished import (V2 <c>ImportResultSchema</c>).</summary>
public class ImportResult
{
    /// <summary>The web path of the imported course content.</summary>
    [JsonPropertyName("webPathToCourse")]
    public string? WebPathToCourse { get; init; }

    /// <summary>Warnings from the package parser.</summary>
    [JsonPropertyName("parserWarnings")]
    public IReadOnlyList<string> ParserWarnings { get; init; } = [];

    /// <summary>Languages found in the course.</summary>
    [JsonPropertyName("courseLanguages")]
    public IReadOnlyList<string> CourseLanguages { get; init; } = [];

    /// <summary>The imported course.</summary>
    [JsonPropertyName("course")]
    public Course? Course { get; init; }
}
