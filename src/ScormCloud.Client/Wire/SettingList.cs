using System.Text.Json.Serialization;
using ScormCloud.Client.Models;

namespace ScormCloud.Client.Wire;

/// <summary>V2 <c>SettingListSchema</c>.</summary>
internal sealed class SettingList
{
    [JsonPropertyName("settingItems")]
    public List<RegistrationSetting>? SettingItems { get; init; }
}
