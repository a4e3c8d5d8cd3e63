using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>An activity objective (V2 <c>ObjectiveSchema</c>).</summary>
public class Objective
{
    /// <summary>The objective id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Whether this is the primary objective.</summary>
    [JsonPropertyName("primary")]
    public bool Primary { get; init; }

    /// <summary>The score (0 to 100).</summary>
    [JsonPropertyName("score")]
    public Score? Score { get; init; }

    /// <summary>Maximum score.</summary>
    [JsonPropertyName("scoreMax")]
    public double? ScoreMax { get; init; }

    /// <summary>Minimum score.</summary>
    [JsonPropertyName("scoreMin")]
    public double? ScoreMin { get; init; }

    /// <summary>Raw score.</summary>
    [JsonPropertyName("scoreRaw")]
    public double? ScoreRaw { get; init; }

    /// <summary>Progress measure.</summary>
    [JsonPropertyName("progressMeasure")]
    public double? ProgressMeasure { get; init; }

    /// <summary>Completion of the objective.</summary>
    [JsonPropertyName("objectiveCompletion")]
    public RegistrationCompletion ObjectiveCompletion { get; init; }

    /// <summary>Success of the objective.</summary>
    [JsonPropertyName("objectiveSuccess")]
    public RegistrationSuccess ObjectiveSuccess { get; init; }
}
