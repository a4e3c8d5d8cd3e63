using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>A learner (V2 <c>LearnerSchema</c>).</summary>
public class Learner
{
    /// <summary>Creates an empty learner.</summary>
    public Learner()
    {
    }

    /// <summary>Creates a learner with an id.</summary>
    /// <param name="id">The learner id (required by the service).</param>
    public Learner(string id)
    {
        Id = id;
    }

    /// <summary>The learner id (required when creating a registration).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>First name.</summary>
    [JsonPropertyName("firstName")]
    public string? FirstName { get; set; }

    /// <summary>Last name.</summary>
    [JsonPropertyName("lastName")]
    public string? LastName { get; set; }

    /// <summary>E-mail address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; set; }
}
