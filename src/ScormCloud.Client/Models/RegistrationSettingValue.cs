using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>A setting to set on a registration (V2 <c>SettingsIndividualSchema</c>).</summary>
public class RegistrationSettingValue
{
    /// <summary>Creates an empty value.</summary>
    public RegistrationSettingValue()
    {
    }

    /// <summary>Creates a value.</summary>
    /// <param name="settingId">The setting id.</param>
    /// <param name="value">The value.</param>
    /// <param name="explicit">Whether the value is set explicitly at this level.</param>
    public RegistrationSettingValue(string settingId, string? value, bool @explicit = true)
    {
        SettingId = settingId;
        Value = value;
        Explicit = @explicit;
    }

    /// <summary>The setting id, for example <c>ApiRollupRegistrationPostBackUrl</c>.</summary>
    [JsonPropertyName("settingId")]
    public string SettingId { get; set; } = string.Empty;

    /// <summary>The value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>Whether the value is set explicitly at this level (default <see langword="true"/>).</summary>
    [JsonPropertyName("explicit")]
    public bool Explicit { get; set; } = true;
}
