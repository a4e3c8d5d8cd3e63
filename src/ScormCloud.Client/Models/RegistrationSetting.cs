using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>One effective setting of a registration (V2 <c>SettingItem</c>).</summary>
public class RegistrationSetting
{
    /// <summary>The setting id, for example <c>ApiRollupRegistrationPostBackUrl</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The effective value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>Where the value comes from (for example <c>default</c>, <c>application</c>, <c>registration</c>).</summary>
    [JsonPropertyName("effectiveValueSource")]
    public string? EffectiveValueSource { get; init; }

    /// <summary>Metadata about the setting, when the service sends it.</summary>
    [JsonPropertyName("metadata")]
    public RegistrationSettingMetadata? Metadata { get; init; }
}
