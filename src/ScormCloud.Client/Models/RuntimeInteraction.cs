using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>A cmi.interactions entry (V2 <c>RuntimeInteractionSchema</c>).</summary>
public class RuntimeInteraction
{
    /// <summary>The interaction id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The interaction type (for example <c>CHOICE</c>).</summary>
    [JsonPropertyName("type")]
    public RuntimeInteractionType Type { get; init; }

    /// <summary>Related objective ids.</summary>
    [JsonPropertyName("objectives")]
    public IReadOnlyList<string> Objectives { get; init; } = [];

    /// <summary>When the interaction happened.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>The timestamp in UTC, as the service normalises it.</summary>
    [JsonPropertyName("timestampUtc")]
    public string? TimestampUtc { get; init; }

    /// <summary>Correct response patterns.</summary>
    [JsonPropertyName("correctResponses")]
    public IReadOnlyList<string> CorrectResponses { get; init; } = [];

    /// <summary>Weighting.</summary>
    [JsonPropertyName("weighting")]
    public string? Weighting { get; init; }

    /// <summary>The learner's response.</summary>
    [JsonPropertyName("learnerResponse")]
    public string? LearnerResponse { get; init; }

    /// <summary>The result (for example <c>CORRECT</c>).</summary>
    [JsonPropertyName("result")]
    public string? Result { get; init; }

    /// <summary>Latency.</summary>
    [JsonPropertyName("latency")]
    public string? Latency { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
