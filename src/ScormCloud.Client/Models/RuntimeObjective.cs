using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>A cmi.objectives entry (V2 <c>RuntimeObjectiveSchema</c>).</summary>
public class RuntimeObjective
{
    /// <summary>The objective id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Scaled score.</summary>
    [JsonPropertyName("scoreScaled")]
    public string? ScoreScaled { get; init; }

    /// <summary>Minimum score.</summary>
    [JsonPropertyName("scoreMin")]
    public string? ScoreMin { get; init; }

    /// <summary>Maximum score.</summary>
    [JsonPropertyName("scoreMax")]
    public string? ScoreMax { get; init; }

    /// <summary>Raw score.</summary>
    [JsonPropertyName("scoreRaw")]
    public string? ScoreRaw { get; init; }

    /// <summary>Success status.</summary>
    [JsonPropertyName("runtimeObjectiveSuccessStatus")]
    public RegistrationSuccess RuntimeObjectiveSuccessStatus { get; init; }

    /// <summary>Completion status.</summary>
    [JsonPropertyName("runtimeObjectiveCompletionStatus")]
    public RuntimeObjectiveCompletion RuntimeObjectiveCompletionStatus { get; init; }

    /// <summary>Progress measure.</summary>
    [JsonPropertyName("progressMeasure")]
    public string? ProgressMeasure { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
