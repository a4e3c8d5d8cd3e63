using System.Security.Cryptography;
using ScormCloud.Emulator.Registrations;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Player;

/// <summary>
/// Opening a launch link: checks expiry and single use, starts a player session (resume or new attempt) and
/// redirects to the player page, which can be reloaded while the session lasts.
/// </summary>
public static class LaunchEndpoints
{
    public static void MapLaunchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cloud/registration/launch/{token}", (string token, EmulatorStore store, TimeProvider time,
            ILogger<PlayerSession> logger) =>
        {
            if (!store.Launches.TryGetValue(token, out var launch)) return ErrorPage(404, "This launch link is not valid.");
            if (time.GetUtcNow() > launch.ExpiresAt)
            {
                return ErrorPage(410, "This launch link has expired. Launch links are valid for a short time only; go back and launch again.");
            }
            if (!launch.TryUse()) return ErrorPage(410, "This launch link has already been used. Go back and launch again.");
            if (!store.Registrations.TryGetValue(launch.RegistrationId, out var registration))
            {
                return ErrorPage(404, "The registration of this launch link no longer exists.");
            }
            var session = new PlayerSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), registration.Id,
                Start(registration, launch.Tracking, time.GetUtcNow()), launch.RedirectOnExitUrl, launch.Tracking);
            store.Sessions[session.Token] = session;
            logger.LogInformation("Launch of {RegistrationId} (tracking {Tracking})", registration.Id, launch.Tracking);
            return Results.Redirect($"/api/cloud/registration/player/{session.Token}");
        });

        app.MapGet("/api/cloud/registration/player/{sessionToken}", (string sessionToken, HttpRequest request, EmulatorStore store) =>
        {
            if (!store.Sessions.TryGetValue(sessionToken, out var session)
                || !store.Registrations.TryGetValue(session.RegistrationId, out var registration)
                || !store.Courses.TryGetValue(registration.CourseId, out var course)
                || course.Find(session.CourseVersion) is not { } version)
            {
                return ErrorPage(404, "This player session no longer exists.");
            }
            return Results.Content(PlayerPage.Render(session, registration, version), "text/html; charset=utf-8");
        });
    }

    /// <summary>Records the access and fixes the session's starting point; returns the course version it plays.</summary>
    private static int Start(RegistrationRecord r, bool tracking, DateTimeOffset now)
    {
        lock (r.Gate)
        {
            if (!tracking) return r.CourseVersion;
            var p = r.Progress;
            if (p.LastExit != "suspend") p.Attempts++;
            p.SecondsBeforeSession = p.TotalSeconds;
            p.FirstAccess ??= now;
            p.LastAccess = now;
            return r.CourseVersion;
        }
    }

    private static IResult ErrorPage(int status, string message) => Results.Content(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Launch error</title></head><body style=\"font-family:sans-serif\"><h1>Launch error</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p></body></html>",
        "text/html; charset=utf-8", statusCode: status);
}
