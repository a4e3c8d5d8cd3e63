using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>One value a setting accepts (V2 <c>SettingValidValue</c>), from <see cref="RegistrationSettingMetadata.ValidValues"/>.</summary>
public class SettingValidValue
{
    /// <summary>The value as it is set, for example <c>NEVER</c>.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>What the value means.</summary>
    [JsonPropertyName("valueDescription")]
    public string? ValueDescription { get; init; }
}
