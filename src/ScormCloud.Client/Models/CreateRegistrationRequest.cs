using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The body of <c>POST /registrations</c> (V2 <c>CreateRegistrationSchema</c>).</summary>
public class CreateRegistrationRequest
{
    /// <summary>Creates an empty request; set <see cref="CourseId"/>, <see cref="RegistrationId"/> and <see cref="Learner"/>.</summary>
    public CreateRegistrationRequest()
    {
    }

    /// <summary>Creates a request with the required fields.</summary>
    /// <param name="courseId">The course to register for.</param>
    /// <param name="registrationId">The registration id, chosen by the caller.</param>
    /// <param name="learner">The learner; <see cref="Learner.Id"/> is required.</param>
    public CreateRegistrationRequest(string courseId, string registrationId, Learner learner)
    {
        CourseId = courseId;
        RegistrationId = registrationId;
        Learner = learner;
    }

    /// <summary>The course to register for (required).</summary>
    [JsonPropertyName("courseId")]
    public string CourseId { get; set; } = string.Empty;

    /// <summary>The registration id (required, chosen by the caller).</summary>
    [JsonPropertyName("registrationId")]
    public string RegistrationId { get; set; } = string.Empty;

    /// <summary>The learner (required).</summary>
    [JsonPropertyName("learner")]
    public Learner Learner { get; set; } = new();

    /// <summary>Postback settings for this registration (optional).</summary>
    [JsonPropertyName("postBack")]
    public PostBackSettings? PostBack { get; set; }

    /// <summary>The xAPI registration id (a UUID; optional).</summary>
    [JsonPropertyName("xapiRegistrationId")]
    public string? XapiRegistrationId { get; set; }
}
