namespace ScormCloud.Emulator.Api;

/// <summary>One setting to write (<c>SettingsIndividualSchema</c>).</summary>
public sealed record SettingValue(string? SettingId, string? Value, bool? Explicit);

/// <summary>The body of a configuration POST (<c>SettingsPostSchema</c>).</summary>
public sealed record SettingsPostSchema(List<SettingValue>? Settings);

/// <summary>
/// The wire format the course and registration configuration endpoints share. <c>SettingItem</c>
/// (RusticiSoftware/scormcloud-api-v2-client-net Model/SettingItem.cs): id, effectiveValue, effectiveValueSource,
/// explicitValue (absent when not set at this level), metadata (only with includeMetadata=true). No <c>value</c> on read.
/// </summary>
public static class SettingList
{
    /// <summary>
    /// <c>SettingListSchema</c>: every setting with a default plus every setting set here; the effective value is the one
    /// set here (source <paramref name="level"/>), else the default (source <c>default</c>).
    /// </summary>
    public static IResult Render(IReadOnlyDictionary<string, string> explicitValues, IReadOnlyDictionary<string, string> defaults,
        string level, bool withMetadata, Func<string, Dictionary<string, object?>> metadata)
    {
        var ids = defaults.Keys.Concat(explicitValues.Keys).Distinct(StringComparer.Ordinal);
        var items = ids.Select(id => new Dictionary<string, object?>
        {
            ["id"] = id,
            ["effectiveValue"] = Effective(explicitValues, defaults, id),
            ["effectiveValueSource"] = explicitValues.ContainsKey(id) ? level : "default",
            ["explicitValue"] = explicitValues.GetValueOrDefault(id),
            ["metadata"] = withMetadata ? metadata(id) : null,
        }).ToList();
        return ApiResults.Json(new { settingItems = items });
    }

    public static string Effective(IReadOnlyDictionary<string, string> explicitValues, IReadOnlyDictionary<string, string> defaults, string id) =>
        explicitValues.TryGetValue(id, out var value) ? value : defaults.GetValueOrDefault(id, "");

    /// <summary>400 unless every setting names its id.</summary>
    public static IResult? Validate(SettingsPostSchema body) =>
        body.Settings is null || body.Settings.Any(s => string.IsNullOrWhiteSpace(s.SettingId))
            ? ApiResults.BadRequest("Each setting needs a 'settingId'.")
            : null;

    /// <summary>Sets each value at this level; a null value clears the setting here.</summary>
    public static void Apply(IDictionary<string, string> settings, IEnumerable<SettingValue> values)
    {
        foreach (var s in values)
        {
            if (s.Value is null) settings.Remove(s.SettingId!);
            else settings[s.SettingId!] = s.Value;
        }
    }
}
