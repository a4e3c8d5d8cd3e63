using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The course of a registration (V2 <c>CourseReferenceSchema</c>).</summary>
public class CourseReference
{
    /// <summary>The course id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The course title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The course version the registration uses.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; }
}
