using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>
/// A registration and its progress (V2 <c>RegistrationSchema</c>); also the body of a V2 JSON postback.
/// </summary>
public class Registration
{
    /// <summary>The registration id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The instance number (0 for the first).</summary>
    [JsonPropertyName("instance")]
    public int Instance { get; init; }

    /// <summary>The xAPI registration id.</summary>
    [JsonPropertyName("xapiRegistrationId")]
    public string? XapiRegistrationId { get; init; }

    /// <summary>The dispatch id, for dispatched courses.</summary>
    [JsonPropertyName("dispatchId")]
    public string? DispatchId { get; init; }

    /// <summary>When the registration last changed; use it to order and de-duplicate postbacks.</summary>
    [JsonPropertyName("updated")]
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Completion of the registration.</summary>
    [JsonPropertyName("registrationCompletion")]
    public RegistrationCompletion RegistrationCompletion { get; init; }

    /// <summary>Completion amount, 0 to 1.</summary>
    [JsonPropertyName("registrationCompletionAmount")]
    public double RegistrationCompletionAmount { get; init; }

    /// <summary>Success of the registration.</summary>
    [JsonPropertyName("registrationSuccess")]
    public RegistrationSuccess RegistrationSuccess { get; init; }

    /// <summary>The score; <see cref="Score.Scaled"/> runs from 0 to 100.</summary>
    [JsonPropertyName("score")]
    public Score? Score { get; init; }

    /// <summary>Seconds tracked in total.</summary>
    [JsonPropertyName("totalSecondsTracked")]
    public double TotalSecondsTracked { get; init; }

    /// <summary>First launch.</summary>
    [JsonPropertyName("firstAccessDate")]
    public DateTimeOffset? FirstAccessDate { get; init; }

    /// <summary>Last launch.</summary>
    [JsonPropertyName("lastAccessDate")]
    public DateTimeOffset? LastAccessDate { get; init; }

    /// <summary>When the registration completed.</summary>
    [JsonPropertyName("completedDate")]
    public DateTimeOffset? CompletedDate { get; init; }

    /// <summary>When the registration was created.</summary>
    [JsonPropertyName("createdDate")]
    public DateTimeOffset? CreatedDate { get; init; }

    /// <summary>The course.</summary>
    [JsonPropertyName("course")]
    public CourseReference? Course { get; init; }

    /// <summary>The learner.</summary>
    [JsonPropertyName("learner")]
    public Learner? Learner { get; init; }

    /// <summary>Tags on the registration.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The suspended activity, if any.</summary>
    [JsonPropertyName("suspendedActivityId")]
    public string? SuspendedActivityId { get; init; }

    /// <summary>The root activity's results (children, runtime and objectives only when requested).</summary>
    [JsonPropertyName("activityDetails")]
    public ActivityResult? ActivityDetails { get; init; }
}
