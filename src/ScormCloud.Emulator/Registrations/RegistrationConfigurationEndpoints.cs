using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Postbacks;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Registrations;

/// <summary>
/// <c>GET|POST /registrations/{id}/configuration</c> for the postback settings (ApiRollupRegistration*). Other setting
/// ids are stored and echoed but have no effect. The settings belong to the registration, so all its instances share them.
/// </summary>
public static class RegistrationConfigurationEndpoints
{
    /// <summary>SettingMetadata (default, dataType, settingDescription); the descriptions and data types are the emulator's own.</summary>
    private static Dictionary<string, object?> Metadata(string id) => new()
    {
        ["default"] = PostbackSettings.Defaults.GetValueOrDefault(id),
        ["dataType"] = id == PostbackSettings.IsJson ? "bool" : "string",
        ["settingDescription"] = PostbackSettings.IsKnown(id) ? "Registration postback setting " + id : "Stored by the emulator; no effect",
    };

    public static void MapRegistrationConfigurationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/registrations/{registrationId}/configuration", (string registrationId, string? includeMetadata, EmulatorStore store) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            lock (r.Gate)
            {
                return SettingList.Render(r.Settings, PostbackSettings.Defaults, "registration", Query.Flag(includeMetadata), Metadata);
            }
        });

        api.MapPost("/registrations/{registrationId}/configuration", (string registrationId, SettingsPostSchema body, EmulatorStore store) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            if (SettingList.Validate(body) is { } invalid) return invalid;
            lock (r.Gate) SettingList.Apply(r.Settings, body.Settings!);
            return Results.NoContent();
        });
    }
}
