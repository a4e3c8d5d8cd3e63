using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>A learner or LMS comment (V2 <c>CommentSchema</c>).</summary>
public class RuntimeComment
{
    /// <summary>The comment text.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>Where in the content the comment applies.</summary>
    [JsonPropertyName("location")]
    public string? Location { get; init; }

    /// <summary>When the comment was made.</summary>
    [JsonPropertyName("dateTime")]
    public string? DateTime { get; init; }
}
