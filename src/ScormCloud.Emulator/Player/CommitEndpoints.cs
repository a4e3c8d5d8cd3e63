using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using ScormCloud.Emulator.Postbacks;
using ScormCloud.Emulator.Registrations;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Player;

/// <summary>
/// The player's <c>lmsCommitUrl</c>. The session token in the path is the only credential (the terminate beacon sends
/// no headers), the body is JSON whatever the Content-Type says (beacon: <c>text/plain</c>), and the answer is what
/// scorm-again expects: <c>{"result":true,"errorCode":0}</c>. Tests may post the same JSON without a browser.
/// </summary>
public static class CommitEndpoints
{
    private const int MaxCommitBytes = 4 * 1024 * 1024;

    public static void MapCommitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cloud/registration/commit/{sessionToken}", async (string sessionToken, string? terminate, HttpRequest request,
            EmulatorStore store, RegistrationPostbacks postbacks, TimeProvider time, ILogger<PlayerSession> logger) =>
        {
            if (!store.Sessions.TryGetValue(sessionToken, out var session)
                || !store.Registrations.TryGetValue(session.RegistrationId, out var registration))
            {
                return Failure(StatusCodes.Status404NotFound);
            }
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxCommitBytes;
            }
            JsonObject? commit;
            try
            {
                commit = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
            }
            catch (JsonException)
            {
                commit = null;
            }
            if (commit is null) return Failure(StatusCodes.Status400BadRequest);
            if (!session.Tracking) return Success();
            var standard = store.Courses.TryGetValue(registration.CourseId, out var course)
                ? course.Find(session.CourseVersion)?.LearningStandard ?? "UNKNOWN"
                : "UNKNOWN";
            lock (registration.Gate)
            {
                // The session's own instance: a commit from a session opened before a newer instance began still lands there.
                if (registration.Find(session.Instance) is not { } instance) return Failure(StatusCodes.Status404NotFound);
                var now = time.GetUtcNow();
                Rollup.Apply(instance.Progress, commit, standard, now);
                registration.Touch(instance, now);
                postbacks.Notify(registration, instance);
                logger.LogInformation(
                    "Commit for {RegistrationId} instance {Instance} (terminate {Terminate}): {Completion}/{Success}, score {Score}, {Seconds} s",
                    registration.Id, instance.Number, terminate == "true", instance.Progress.Completion, instance.Progress.Success,
                    instance.Progress.Score, instance.Progress.TotalSeconds);
            }
            return Success();
        });
    }

    private static IResult Success() => Results.Json(new { result = true, errorCode = 0 });

    private static IResult Failure(int status) => Results.Json(new { result = false, errorCode = 101 }, statusCode: status);
}
