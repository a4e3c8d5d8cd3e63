using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The answer to <c>GET /ping</c> (V2 <c>PingSchema</c>).</summary>
public class PingResult
{
    /// <summary>The service's message, for example <c>"API is up"</c>.</summary>
    [JsonPropertyName("apiMessage")]
    public string? ApiMessage { get; init; }

    /// <summary>The service's current time.</summary>
    [JsonPropertyName("currentTime")]
    public DateTimeOffset? CurrentTime { get; init; }
}
