using Microsoft.Extensions.Options;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Postbacks;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Registrations;

/// <summary>Create, exists (HEAD), get, list, delete and reset of registrations.</summary>
public static class RegistrationEndpoints
{
    public static void MapRegistrationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/registrations", (CreateRegistrationSchema body, int? courseVersion, EmulatorStore store, TimeProvider time,
            ILogger<RegistrationRecord> logger) =>
        {
            if (string.IsNullOrWhiteSpace(body.CourseId)) return ApiResults.BadRequest("Required property 'courseId' is missing.");
            if (string.IsNullOrWhiteSpace(body.RegistrationId)) return ApiResults.BadRequest("Required property 'registrationId' is missing.");
            if (string.IsNullOrWhiteSpace(body.Learner?.Id)) return ApiResults.BadRequest("Required property 'learner.id' is missing.");
            if (!store.Courses.TryGetValue(body.CourseId, out var course)) return ApiResults.CourseNotFound(body.CourseId);
            var version = courseVersion is { } v ? course.Find(v) : course.Latest;
            if (version is null) return ApiResults.NotFound($"Could not find version [{courseVersion}] of course [{body.CourseId}]");
            var l = body.Learner;
            var registration = new RegistrationRecord(body.RegistrationId, store.NextSequence(), course.Id, version.Version,
                new Learner(l.Id!, l.FirstName, l.LastName, l.Email), time.GetUtcNow())
            {
                XapiRegistrationId = body.XapiRegistrationId ?? Guid.NewGuid().ToString(),
                Tags = body.RegistrationTags ?? [],
            };
            if (body.PostBack is { } postBack) PostbackSettings.Apply(registration.Settings, postBack);
            if (!store.Registrations.TryAdd(registration.Id, registration))
            {
                return ApiResults.BadRequest($"Registration with id [{registration.Id}] already exists");
            }
            logger.LogInformation("Registration {RegistrationId} created for course {CourseId} version {Version}",
                registration.Id, course.Id, version.Version);
            return Results.NoContent();
        });

        api.MapMethods("/registrations/{registrationId}", ["HEAD"], (string registrationId, EmulatorStore store) =>
            store.Registrations.ContainsKey(registrationId) ? Results.Ok() : Results.NotFound());

        api.MapGet("/registrations/{registrationId}", (string registrationId, string? includeChildResults, string? includeRuntime,
            string? includeInteractionsAndObjectives, EmulatorStore store) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            var detail = RegistrationDetail.FromQuery(includeChildResults, includeRuntime, includeInteractionsAndObjectives);
            return ApiResults.Json(Render(r, store, detail));
        });

        api.MapGet("/registrations", (HttpRequest request, string? more, EmulatorStore store, IOptions<EmulatorOptions> options) =>
        {
            var token = PageToken.Decode(more);
            if (more is not null && token is null) return ApiResults.BadRequest("Invalid value for parameter 'more'.");
            var q = request.Query;
            var filters = token?.Filters ?? new()
            {
                ["courseId"] = q["courseId"], ["learnerId"] = q["learnerId"], ["since"] = q["since"], ["until"] = q["until"],
                ["includeChildResults"] = q["includeChildResults"], ["includeRuntime"] = q["includeRuntime"],
                ["includeInteractionsAndObjectives"] = q["includeInteractionsAndObjectives"],
            };
            if (!Query.TryParseDate(filters.GetValueOrDefault("since"), out var since)
                || !Query.TryParseDate(filters.GetValueOrDefault("until"), out var until))
            {
                return ApiResults.BadRequest("Invalid value for parameter 'since' or 'until'.");
            }
            var courseId = filters.GetValueOrDefault("courseId");
            var learnerId = filters.GetValueOrDefault("learnerId");
            var matching = store.Registrations.Values
                .Where(r => string.IsNullOrEmpty(courseId) || r.CourseId == courseId)
                .Where(r => string.IsNullOrEmpty(learnerId) || r.Learner.Id == learnerId)
                .Where(r => since is null || Updated(r) >= since)
                .Where(r => until is null || Updated(r) <= until)
                .OrderBy(r => r.Sequence);
            var (page, next) = PageToken.Page(matching, r => r.Sequence, token?.After ?? 0, options.Value.PageSize, filters);
            var detail = RegistrationDetail.FromQuery(filters.GetValueOrDefault("includeChildResults"),
                filters.GetValueOrDefault("includeRuntime"), filters.GetValueOrDefault("includeInteractionsAndObjectives"));
            return ApiResults.Json(new { registrations = page.Select(r => Render(r, store, detail)).ToList(), more = next });
        });

        api.MapDelete("/registrations/{registrationId}", (string registrationId, EmulatorStore store, ILogger<RegistrationRecord> logger) =>
        {
            if (!store.Registrations.TryRemove(registrationId, out _)) return ApiResults.RegistrationNotFound(registrationId);
            foreach (var s in store.Sessions.Values.Where(s => s.RegistrationId == registrationId)) store.Sessions.TryRemove(s.Token, out _);
            logger.LogInformation("Registration {RegistrationId} deleted", registrationId);
            return Results.NoContent();
        });

        api.MapDelete("/registrations/{registrationId}/progress", (string registrationId, EmulatorStore store, TimeProvider time) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            lock (r.Gate)
            {
                r.Progress = new RegistrationProgress();
                if (store.Courses.TryGetValue(r.CourseId, out var course)) r.CourseVersion = course.Latest.Version;
                r.Updated = RegistrationClock.Next(r.Updated, time.GetUtcNow());
            }
            return Results.NoContent();
        });
    }

    private static DateTimeOffset Updated(RegistrationRecord r)
    {
        lock (r.Gate) return r.Updated;
    }

    private static Dictionary<string, object?> Render(RegistrationRecord r, EmulatorStore store, RegistrationDetail detail)
    {
        var course = store.Courses.TryGetValue(r.CourseId, out var c) ? c : null;
        lock (r.Gate) return RegistrationJson.Build(r, course?.Find(r.CourseVersion), detail);
    }
}
