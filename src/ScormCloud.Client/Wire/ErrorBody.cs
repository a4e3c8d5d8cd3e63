using System.Text.Json.Serialization;

namespace ScormCloud.Client.Wire;

/// <summary>V2 <c>MessageSchema</c> (<c>{"message": "…"}</c>) or the 401 shape (<c>{"error": "…"}</c>).</summary>
internal sealed class ErrorBody
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
