using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>
/// Metadata about a setting (V2 <c>SettingMetadata</c>: <c>default</c>, <c>dataType</c>, <c>settingDescription</c>,
/// <c>level</c>, <c>learningStandards</c>, <c>learningStandardVariant</c>, <c>fallback</c>, <c>validValues</c>).
/// </summary>
public class RegistrationSettingMetadata
{
    /// <summary>The default value.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; init; }

    /// <summary>The data type (for example <c>string</c>, <c>bool</c>).</summary>
    [JsonPropertyName("dataType")]
    public string? DataType { get; init; }

    /// <summary>A description of the setting.</summary>
    [JsonPropertyName("settingDescription")]
    public string? SettingDescription { get; init; }

    /// <summary>The level the setting applies at.</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }

    /// <summary>The learning standards the setting applies to.</summary>
    [JsonPropertyName("learningStandards")]
    public IReadOnlyList<string> LearningStandards { get; init; } = [];

    /// <summary><c>singleScoOnly</c>, <c>multiScoOnly</c> or <c>either</c>.</summary>
    [JsonPropertyName("learningStandardVariant")]
    public string? LearningStandardVariant { get; init; }

    /// <summary>The setting whose value applies when this one is not set.</summary>
    [JsonPropertyName("fallback")]
    public string? Fallback { get; init; }

    /// <summary>The values the setting accepts, when the service lists them.</summary>
    [JsonPropertyName("validValues")]
    public IReadOnlyList<SettingValidValue> ValidValues { get; init; } = [];
}
