using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>One page of registrations (V2 <c>RegistrationListSchema</c>).</summary>
public class RegistrationPage
{
    /// <summary>The registrations on this page.</summary>
    [JsonPropertyName("registrations")]
    public IReadOnlyList<Registration> Registrations { get; init; } = [];

    /// <summary>The token for the next page, or <see langword="null"/> on the last page.</summary>
    [JsonPropertyName("more")]
    public string? More { get; init; }
}
