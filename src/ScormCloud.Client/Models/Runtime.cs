using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>
/// Runtime (CMI) data of an activity (V2 <c>RuntimeSchema</c>). Values are kept as the service sends them (strings).
/// </summary>
public class Runtime
{
    /// <summary>cmi.completion_status.</summary>
    [JsonPropertyName("completionStatus")]
    public string? CompletionStatus { get; init; }

    /// <summary>cmi.credit.</summary>
    [JsonPropertyName("credit")]
    public string? Credit { get; init; }

    /// <summary>cmi.entry.</summary>
    [JsonPropertyName("entry")]
    public string? Entry { get; init; }

    /// <summary>cmi.exit.</summary>
    [JsonPropertyName("exit")]
    public string? Exit { get; init; }

    /// <summary>cmi.location (bookmark).</summary>
    [JsonPropertyName("location")]
    public string? Location { get; init; }

    /// <summary>cmi.mode.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    /// <summary>cmi.progress_measure.</summary>
    [JsonPropertyName("progressMeasure")]
    public string? ProgressMeasure { get; init; }

    /// <summary>cmi.score.scaled.</summary>
    [JsonPropertyName("scoreScaled")]
    public string? ScoreScaled { get; init; }

    /// <summary>cmi.score.raw.</summary>
    [JsonPropertyName("scoreRaw")]
    public string? ScoreRaw { get; init; }

    /// <summary>cmi.score.min.</summary>
    [JsonPropertyName("scoreMin")]
    public string? ScoreMin { get; init; }

    /// <summary>cmi.score.max.</summary>
    [JsonPropertyName("scoreMax")]
    public string? ScoreMax { get; init; }

    /// <summary>cmi.total_time.</summary>
    [JsonPropertyName("totalTime")]
    public string? TotalTime { get; init; }

    /// <summary>Time tracked by SCORM Cloud.</summary>
    [JsonPropertyName("timeTracked")]
    public string? TimeTracked { get; init; }

    /// <summary>cmi.success_status.</summary>
    [JsonPropertyName("runtimeSuccessStatus")]
    public RegistrationSuccess RuntimeSuccessStatus { get; init; }

    /// <summary>cmi.suspend_data.</summary>
    [JsonPropertyName("suspendData")]
    public string? SuspendData { get; init; }

    /// <summary>cmi.comments_from_learner.</summary>
    [JsonPropertyName("learnerComments")]
    public IReadOnlyList<RuntimeComment> LearnerComments { get; init; } = [];

    /// <summary>cmi.comments_from_lms.</summary>
    [JsonPropertyName("lmsComments")]
    public IReadOnlyList<RuntimeComment> LmsComments { get; init; } = [];

    /// <summary>cmi.interactions (only with <c>includeInteractionsAndObjectives</c>).</summary>
    [JsonPropertyName("runtimeInteractions")]
    public IReadOnlyList<RuntimeInteraction> RuntimeInteractions { get; init; } = [];

    /// <summary>cmi.objectives (only with <c>includeInteractionsAndObjectives</c>).</summary>
    [JsonPropertyName("runtimeObjectives")]
    public IReadOnlyList<RuntimeObjective> RuntimeObjectives { get; init; } = [];
}
