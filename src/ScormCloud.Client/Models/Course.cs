using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>A course (V2 <c>CourseSchema</c>).</summary>
public class Course
{
    /// <summary>The course id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The course title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The xAPI activity id of the course.</summary>
    [JsonPropertyName("xapiActivityId")]
    public string? XapiActivityId { get; init; }

    /// <summary>When the course was created.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the course was last updated.</summary>
    [JsonPropertyName("updated")]
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The latest version number (0 for the first import).</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; }

    /// <summary>How many registrations the course has.</summary>
    [JsonPropertyName("registrationCount")]
    public int RegistrationCount { get; init; }

    /// <summary>The id of the root activity.</summary>
    [JsonPropertyName("activityId")]
    public string? ActivityId { get; init; }

    /// <summary>Tags on the course.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Whether the course is dispatched.</summary>
    [JsonPropertyName("dispatched")]
    public bool Dispatched { get; init; }

    /// <summary>The learning standard.</summary>
    [JsonPropertyName("courseLearningStandard")]
    public LearningStandard CourseLearningStandard { get; init; }
}
