using System.Security.Cryptography;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Player;

/// <summary><c>POST /registrations/{id}/launchLink</c>: a single-use link valid for <c>expiry</c> seconds (10–300, default 120).</summary>
public static class LaunchLinkEndpoints
{
    public sealed record LaunchLinkRequestSchema(string? RedirectOnExitUrl, int? Expiry, bool? Tracking, string? StartSco, string? Culture);

    public static void MapLaunchLinkEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/registrations/{registrationId}/launchLink", (string registrationId, LaunchLinkRequestSchema body,
            HttpRequest request, EmulatorStore store, TimeProvider time, ILogger<LaunchRecord> logger) =>
        {
            if (!store.Registrations.ContainsKey(registrationId)) return ApiResults.RegistrationNotFound(registrationId);
            var expiry = body.Expiry ?? 120;
            if (expiry is < 10 or > 300) return ApiResults.BadRequest("expiry must be between 10 and 300 seconds.");
            // LaunchLinkRequestSchema: redirectOnExitUrl is required (net client v4.0.0 throws on null); "" = the configured setting.
            if (body.RedirectOnExitUrl is null) return ApiResults.BadRequest("Required property 'redirectOnExitUrl' is missing.");
            if (!IsValidRedirect(body.RedirectOnExitUrl))
            {
                return ApiResults.BadRequest("redirectOnExitUrl must be an absolute http(s) URL, or one of closer, blank, message.");
            }
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var launch = new LaunchRecord(token, registrationId, time.GetUtcNow().AddSeconds(expiry),
                string.IsNullOrWhiteSpace(body.RedirectOnExitUrl) ? null : body.RedirectOnExitUrl, body.Tracking ?? true);
            store.Launches[token] = launch;
            logger.LogInformation("Launch link for {RegistrationId}, valid {Expiry} s", registrationId, expiry);
            return ApiResults.Json(new { launchLink = $"{request.Scheme}://{request.Host}/api/cloud/registration/launch/{token}" });
        });
    }

    private static bool IsValidRedirect(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || value is "closer" or "blank" or "message"
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
