using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Postbacks;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Registrations;

/// <summary>
/// <c>GET|POST /registrations/{id}/configuration</c> for the postback settings (ApiRollupRegistration*). Other setting
/// ids are stored and echoed but have no effect.
/// </summary>
public static class RegistrationConfigurationEndpoints
{
    public sealed record SettingValue(string? SettingId, string? Value, bool? Explicit);

    public sealed record SettingsPostSchema(List<SettingValue>? Settings);

    /// <summary>SettingMetadata (default, dataType, settingDescription); the descriptions and data types are the emulator's own.</summary>
    private static Dictionary<string, object?> Metadata(string id) => new()
    {
        ["default"] = PostbackSettings.Defaults.GetValueOrDefault(id),
        ["dataType"] = id == PostbackSettings.IsJson ? "bool" : "string",
        ["settingDescription"] = PostbackSettings.IsKnown(id) ? "Registration postback setting " + id : "Stored by the emulator; no effect",
    };

    public static void MapRegistrationConfigurationEndpoints(this RouteGroupBuilder api)
    {
        // SettingItem (RusticiSoftware/scormcloud-api-v2-client-net Model/SettingItem.cs): id, effectiveValue,
        // effectiveValueSource, explicitValue (absent when not set at this level), metadata (only with includeMetadata=true).
        api.MapGet("/registrations/{registrationId}/configuration", (string registrationId, string? includeMetadata, EmulatorStore store) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            var withMetadata = Query.Flag(includeMetadata);
            lock (r.Gate)
            {
                var ids = PostbackSettings.Defaults.Keys.Concat(r.Settings.Keys).Distinct(StringComparer.Ordinal);
                var items = ids.Select(id => new Dictionary<string, object?>
                {
                    ["id"] = id,
                    ["effectiveValue"] = PostbackSettings.Effective(r.Settings, id),
                    ["effectiveValueSource"] = r.Settings.ContainsKey(id) ? "registration" : "default",
                    ["explicitValue"] = r.Settings.GetValueOrDefault(id),
                    ["metadata"] = withMetadata ? Metadata(id) : null,
                }).ToList();
                return ApiResults.Json(new { settingItems = items });
            }
        });

        api.MapPost("/registrations/{registrationId}/configuration", (string registrationId, SettingsPostSchema body, EmulatorStore store) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            if (body.Settings is null || body.Settings.Any(s => string.IsNullOrWhiteSpace(s.SettingId)))
            {
                return ApiResults.BadRequest("Each setting needs a 'settingId'.");
            }
            lock (r.Gate)
            {
                foreach (var s in body.Settings)
                {
                    if (s.Value is null) r.Settings.Remove(s.SettingId!);
                    else r.Settings[s.SettingId!] = s.Value;
                }
            }
            return Results.NoContent();
        });
    }
}
