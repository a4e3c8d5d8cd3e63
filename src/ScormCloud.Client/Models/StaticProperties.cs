using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>Manifest properties of an activity (V2 <c>StaticPropertiesSchema</c>).</summary>
public class StaticProperties
{
    /// <summary>Completion threshold.</summary>
    [JsonPropertyName("completionThreshold")]
    public string? CompletionThreshold { get; init; }

    /// <summary>Launch data.</summary>
    [JsonPropertyName("launchData")]
    public string? LaunchData { get; init; }

    /// <summary>Maximum time allowed.</summary>
    [JsonPropertyName("maxTimeAllowed")]
    public string? MaxTimeAllowed { get; init; }

    /// <summary>Scaled passing score.</summary>
    [JsonPropertyName("scaledPassingScore")]
    public string? ScaledPassingScore { get; init; }

    /// <summary>Whether the scaled passing score is used.</summary>
    [JsonPropertyName("scaledPassingScoreUsed")]
    public bool? ScaledPassingScoreUsed { get; init; }

    /// <summary>Time limit action.</summary>
    [JsonPropertyName("timeLimitAction")]
    public string? TimeLimitAction { get; init; }
}
