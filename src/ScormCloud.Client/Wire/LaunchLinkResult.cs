using System.Text.Json.Serialization;

namespace ScormCloud.Client.Wire;

/// <summary>V2 <c>LaunchLinkSchema</c>: <c>{"launchLink": "…"}</c>.</summary>
internal sealed class LaunchLinkResult
{
    [JsonPropertyName("launchLink")]
    public string? LaunchLink { get; init; }
}
