using Microsoft.Extensions.Options;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Postbacks;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Registrations;

/// <summary>Create, exists (HEAD), get, list, delete and reset of registrations; get and list show the current instance.</summary>
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
                new Learner(l.Id!, l.FirstName, l.LastName, l.Email), time.GetUtcNow(), body.XapiRegistrationId)
            {
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
            return ApiResults.Json(Render(r, null, store, detail));
        });

        api.MapGet("/registrations", (HttpRequest request, string? more, EmulatorStore store, IOptions<EmulatorOptions> options) =>
        {
            if (Query.RejectMoreWithFilters(request, more) is { } rejected) return rejected;
            var q = request.Query;
            var token = PageToken.Decode(more);
            if (more is not null && token is null) return ApiResults.BadRequest("Invalid value for parameter 'more'.");
            var filters = token?.Filters ?? new()
            {
                ["courseId"] = q["courseId"], ["learnerId"] = q["learnerId"], ["since"] = q["since"], ["until"] = q["until"],
                ["datetimeFilter"] = q["datetimeFilter"], ["orderBy"] = q["orderBy"],
                ["includeChildResults"] = q["includeChildResults"], ["includeRuntime"] = q["includeRuntime"],
                ["includeInteractionsAndObjectives"] = q["includeInteractionsAndObjectives"],
            };
            if (!Query.TryParseDate(filters.GetValueOrDefault("since"), out var since)
                || !Query.TryParseDate(filters.GetValueOrDefault("until"), out var until))
            {
                return ApiResults.BadRequest("Invalid value for parameter 'since' or 'until'.");
            }
            // datetimeFilter defaults to created; "updated" is the likely spelling of the update time (see README).
            var filterField = filters.GetValueOrDefault("datetimeFilter") is { Length: > 0 } f ? f : "created";
            if (filterField is not ("created" or "updated")) return ApiResults.BadRequest("Invalid value for parameter 'datetimeFilter'.");
            var orderBy = filters.GetValueOrDefault("orderBy") is { Length: > 0 } o ? o : "created_desc";
            if (orderBy is not ("created_asc" or "created_desc" or "updated_asc" or "updated_desc"))
            {
                return ApiResults.BadRequest("Invalid value for parameter 'orderBy'.");
            }
            Func<RegistrationRecord, DateTimeOffset> filterTime = filterField == "updated" ? Updated : r => r.Created;
            Func<RegistrationRecord, DateTimeOffset> orderTime = orderBy.StartsWith("updated", StringComparison.Ordinal) ? Updated : r => r.Created;
            var descending = orderBy.EndsWith("_desc", StringComparison.Ordinal);
            var courseId = filters.GetValueOrDefault("courseId");
            var learnerId = filters.GetValueOrDefault("learnerId");
            var keyed = store.Registrations.Values
                .Where(r => string.IsNullOrEmpty(courseId) || r.CourseId == courseId)
                .Where(r => string.IsNullOrEmpty(learnerId) || r.Learner.Id == learnerId)
                .Where(r => since is null || filterTime(r) >= since)
                .Where(r => until is null || filterTime(r) <= until)
                .Select(r => (Record: r, Time: orderTime(r)))
                .ToList();
            var ordered = descending
                ? keyed.OrderByDescending(x => x.Time).ThenByDescending(x => x.Record.Sequence)
                : keyed.OrderBy(x => x.Time).ThenBy(x => x.Record.Sequence);
            var rest = token?.AfterTime is { } afterTime
                ? ordered.Where(x => descending
                    ? x.Time < afterTime || (x.Time == afterTime && x.Record.Sequence < token.After)
                    : x.Time > afterTime || (x.Time == afterTime && x.Record.Sequence > token.After))
                : ordered;
            var pageSize = options.Value.PageSize;
            var page = rest.Take(pageSize + 1).ToList();
            string? next = null;
            if (page.Count > pageSize)
            {
                page.RemoveAt(page.Count - 1);
                next = new PageToken(page[^1].Record.Sequence, filters, page[^1].Time).Encode();
            }
            var detail = RegistrationDetail.FromFilters(filters);
            return ApiResults.Json(new { registrations = page.Select(x => Render(x.Record, null, store, detail)).ToList(), more = next });
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
            // Resets the current instance; earlier instances keep their results.
            lock (r.Gate)
            {
                var current = r.Current;
                current.Progress = new RegistrationProgress();
                if (store.Courses.TryGetValue(r.CourseId, out var course)) current.CourseVersion = course.Latest.Version;
                r.Touch(current, time.GetUtcNow());
            }
            return Results.NoContent();
        });
    }

    /// <summary>The current instance's <c>updated</c>: what a list shows for the registration.</summary>
    private static DateTimeOffset Updated(RegistrationRecord r)
    {
        lock (r.Gate) return r.Current.Updated;
    }

    /// <summary>One instance's <c>RegistrationSchema</c> (the current one when <paramref name="instance"/> is null).</summary>
    internal static Dictionary<string, object?> Render(RegistrationRecord r, RegistrationInstance? instance, EmulatorStore store, RegistrationDetail detail)
    {
        var course = store.Courses.TryGetValue(r.CourseId, out var c) ? c : null;
        lock (r.Gate)
        {
            instance ??= r.Current;
            return RegistrationJson.Build(r, instance, course?.Find(instance.CourseVersion), detail);
        }
    }
}
