using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>
/// One setting of a registration or a course (V2 <c>SettingItem</c>: <c>id</c>, <c>effectiveValue</c>, <c>effectiveValueSource</c>,
/// <c>explicitValue</c>, <c>metadata</c>). There is no <c>value</c> on read; that name exists only when writing.
/// </summary>
public class RegistrationSetting
{
    /// <summary>The setting id, for example <c>ApiRollupRegistrationPostBackUrl</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The value that applies at this level, including defaults, fallbacks and less specific levels.</summary>
    [JsonPropertyName("effectiveValue")]
    public string? EffectiveValue { get; init; }

    /// <summary>Where <see cref="EffectiveValue"/> comes from (for example <c>default</c>, <c>application</c>, <c>registration</c>).</summary>
    [JsonPropertyName("effectiveValueSource")]
    public string? EffectiveValueSource { get; init; }

    /// <summary>The value set explicitly at this level; <see langword="null"/> when the setting is not set here.</summary>
    [JsonPropertyName("explicitValue")]
    public string? ExplicitValue { get; init; }

    /// <summary>Metadata about the setting; the service sends it only when asked (<c>includeMetadata=true</c>).</summary>
    [JsonPropertyName("metadata")]
    public RegistrationSettingMetadata? Metadata { get; init; }
}
