using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>Results of one activity (V2 <c>ActivityResultSchema</c>).</summary>
public class ActivityResult
{
    /// <summary>The activity id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The activity title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>Number of attempts.</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    /// <summary>Completion of the activity.</summary>
    [JsonPropertyName("activityCompletion")]
    public RegistrationCompletion ActivityCompletion { get; init; }

    /// <summary>Success of the activity.</summary>
    [JsonPropertyName("activitySuccess")]
    public RegistrationSuccess ActivitySuccess { get; init; }

    /// <summary>The score; <see cref="Score.Scaled"/> runs from 0 to 100.</summary>
    [JsonPropertyName("score")]
    public Score? Score { get; init; }

    /// <summary>Time tracked, as the service formats it (for example <c>0000:01:05.12</c>).</summary>
    [JsonPropertyName("timeTracked")]
    public string? TimeTracked { get; init; }

    /// <summary>Completion amount.</summary>
    [JsonPropertyName("completionAmount")]
    public CompletionAmount? CompletionAmount { get; init; }

    /// <summary>Whether the activity is suspended.</summary>
    [JsonPropertyName("suspended")]
    public bool Suspended { get; init; }

    /// <summary>Child activities (only with <c>includeChildResults</c>).</summary>
    [JsonPropertyName("children")]
    public IReadOnlyList<ActivityResult> Children { get; init; } = [];

    /// <summary>Objectives (only with <c>includeInteractionsAndObjectives</c>).</summary>
    [JsonPropertyName("objectives")]
    public IReadOnlyList<Objective> Objectives { get; init; } = [];

    /// <summary>Static properties from the manifest.</summary>
    [JsonPropertyName("staticProperties")]
    public StaticProperties? StaticProperties { get; init; }

    /// <summary>Runtime data (only with <c>includeRuntime</c>).</summary>
    [JsonPropertyName("runtime")]
    public Runtime? Runtime { get; init; }
}
