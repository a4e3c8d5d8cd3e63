using System.Globalization;
using Microsoft.Extensions.Options;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Registrations;

/// <summary>
/// Registration instances (RegistrationApi CreateNewRegistrationInstance, GetRegistrationInstances,
/// GetRegistrationInstanceProgress): <c>POST|GET /registrations/{id}/instances</c>, <c>GET /registrations/{id}/instances/{n}</c>.
/// </summary>
public static class RegistrationInstanceEndpoints
{
    public static void MapRegistrationInstanceEndpoints(this RouteGroupBuilder api)
    {
        // "Creates a new instance of the registration": instance N+1, with no progress, on the course's latest version.
        api.MapPost("/registrations/{registrationId}/instances", (string registrationId, EmulatorStore store, TimeProvider time,
            ILogger<RegistrationInstance> logger) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            if (!store.Courses.TryGetValue(r.CourseId, out var course)) return ApiResults.CourseNotFound(r.CourseId);
            var version = course.Latest.Version;
            int number;
            lock (r.Gate) number = r.AddInstance(version, time.GetUtcNow()).Number;
            logger.LogInformation("Registration {RegistrationId} instance {Instance} created on course version {Version}", r.Id, number, version);
            return Results.NoContent();
        });

        api.MapGet("/registrations/{registrationId}/instances", (string registrationId, HttpRequest request, string? more,
            EmulatorStore store, IOptions<EmulatorOptions> options) =>
        {
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            if (Query.RejectMoreWithFilters(request, more) is { } rejected) return rejected;
            var q = request.Query;
            var token = PageToken.Decode(more);
            if (more is not null && token?.Filters.GetValueOrDefault("registrationId") != registrationId)
            {
                return ApiResults.BadRequest("Invalid value for parameter 'more'.");
            }
            var filters = token?.Filters ?? new()
            {
                ["registrationId"] = registrationId, ["since"] = q["since"], ["until"] = q["until"],
                ["includeChildResults"] = q["includeChildResults"], ["includeRuntime"] = q["includeRuntime"],
                ["includeInteractionsAndObjectives"] = q["includeInteractionsAndObjectives"],
            };
            if (!Query.TryParseDate(filters.GetValueOrDefault("since"), out var since)
                || !Query.TryParseDate(filters.GetValueOrDefault("until"), out var until))
            {
                return ApiResults.BadRequest("Invalid value for parameter 'since' or 'until'.");
            }
            List<RegistrationInstance> matching;
            lock (r.Gate)
            {
                // since/until apply to each instance's updated time (the endpoint has no datetimeFilter; see the README).
                matching = r.Instances.Where(i => (since is null || i.Updated >= since) && (until is null || i.Updated <= until)).ToList();
            }
            // Instance numbers start at 0 and PageToken pages on "after", so the key is number + 1.
            var (page, next) = PageToken.Page(matching, i => i.Number + 1L, token?.After ?? 0, options.Value.PageSize, filters);
            var detail = RegistrationDetail.FromFilters(filters);
            var registrations = page.Select(i => RegistrationEndpoints.Render(r, i, store, detail)).ToList();
            return ApiResults.Json(new { registrations, more = next });
        });

        api.MapGet("/registrations/{registrationId}/instances/{instanceId}", (string registrationId, string instanceId,
            string? includeChildResults, string? includeRuntime, string? includeInteractionsAndObjectives, EmulatorStore store) =>
        {
            if (!int.TryParse(instanceId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return ApiResults.BadRequest("Invalid value for parameter 'instanceId'.");
            }
            if (!store.Registrations.TryGetValue(registrationId, out var r)) return ApiResults.RegistrationNotFound(registrationId);
            RegistrationInstance? instance;
            lock (r.Gate) instance = r.Find(number);
            if (instance is null) return ApiResults.NotFound($"Could not find instance [{number}] of registration [{registrationId}]");
            var detail = RegistrationDetail.FromQuery(includeChildResults, includeRuntime, includeInteractionsAndObjectives);
            return ApiResults.Json(RegistrationEndpoints.Render(r, instance, store, detail));
        });
    }
}
