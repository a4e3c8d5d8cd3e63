using System.Security.Cryptography;
using ScormCloud.Emulator.Courses;
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
            var course = store.Courses.TryGetValue(registration.CourseId, out var c) ? c : null;
            var (instance, courseVersion) = Start(registration, course, launch.Tracking, time.GetUtcNow());
            var session = new PlayerSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), registration.Id,
                instance, courseVersion, launch.RedirectOnExitUrl, launch.Tracking);
            store.Sessions[session.Token] = session;
            logger.LogInformation("Launch of {RegistrationId} instance {Instance} on course version {Version} (tracking {Tracking})",
                registration.Id, instance, courseVersion, launch.Tracking);
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

    /// <summary>
    /// Picks the instance to play — a new one on the latest course version when the course's WhenToRestartRegistration
    /// says so (checked at launch, as SCORM Cloud does) — records the access and fixes the session's starting point.
    /// A preview (tracking off) plays the current instance and changes nothing.
    /// </summary>
    private static (int Instance, int CourseVersion) Start(RegistrationRecord r, CourseRecord? course, bool tracking, DateTimeOffset now)
    {
        var restart = course?.Setting(RestartPolicy.SettingId);
        var latest = course?.Latest.Version;
        lock (r.Gate)
        {
            var instance = r.Current;
            if (!tracking) return (instance.Number, instance.CourseVersion);
            if (latest is { } version && RestartPolicy.ShouldRestart(restart, instance, version)) instance = r.AddInstance(version, now);
            var p = instance.Progress;
            if (p.LastExit != "suspend") p.Attempts++;
            p.SecondsBeforeSession = p.TotalSeconds;
            p.FirstAccess ??= now;
            p.LastAccess = now;
            return (instance.Number, instance.CourseVersion);
        }
    }

    private static IResult ErrorPage(int status, string message) => Results.Content(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Launch error</title></head><body style=\"font-family:sans-serif\"><h1>Launch error</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p></body></html>",
        "text/html; charset=utf-8", statusCode: status);
}
