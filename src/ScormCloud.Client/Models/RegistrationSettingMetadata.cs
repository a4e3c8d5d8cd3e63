using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>Metadata about a setting (V2 <c>SettingMetadata</c>, partial).</summary>
public class RegistrationSettingMetadata
{
    /// <summary>The default value.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; init; }

    /// <summary>The data type (for example <c>string</c>, <c>bool</c>).</summary>
    [JsonPropertyName("dataType")]
    public string? DataType { get; init; }

    /// <summary>Whether the value is sensitive (for example a password).</summary>
    [JsonPropertyName("sensitive")]
    public bool Sensitive { get; init; }

    /// <summary>A description of the setting.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The levels the setting applies at.</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }
}
