using System.Text.Json.Serialization;
using ScormCloud.Client.Models;

namespace ScormCloud.Client.Wire;

/// <summary>V2 <c>SettingsPostSchema</c>.</summary>
internal sealed class SettingsPost
{
    [JsonPropertyName("settings")]
    public required IReadOnlyList<RegistrationSettingValue> Settings { get; init; }
}
