using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Store;
using Microsoft.Extensions.Options;

namespace ScormCloud.Emulator.Courses;

/// <summary><c>GET /courses</c>, <c>GET /courses/{id}</c>, <c>DELETE /courses/{id}</c>.</summary>
public static class CourseEndpoints
{
    public static void MapCourseEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/courses", (string? since, string? more, EmulatorStore store, IOptions<EmulatorOptions> options) =>
        {
            var token = PageToken.Decode(more);
            if (more is not null && token is null) return ApiResults.BadRequest("Invalid value for parameter 'more'.");
            var filters = token?.Filters ?? new() { ["since"] = since };
            if (!Query.TryParseDate(filters.GetValueOrDefault("since"), out var sinceDate))
            {
                return ApiResults.BadRequest("Invalid value for parameter 'since'.");
            }
            var sorted = store.Courses.Values
                .Where(c => sinceDate is null || c.Updated >= sinceDate)
                .OrderBy(c => c.Sequence);
            var (page, next) = PageToken.Page(sorted, c => c.Sequence, token?.After ?? 0, options.Value.PageSize, filters);
            var courses = page.Select(c => CourseJson.Course(c, c.Latest, store.RegistrationCount(c.Id))).ToList();
            return ApiResults.Json(new { courses, more = next });
        });

        api.MapGet("/courses/{courseId}", (string courseId, EmulatorStore store) =>
            store.Courses.TryGetValue(courseId, out var course)
                ? ApiResults.Json(CourseJson.Course(course, course.Latest, store.RegistrationCount(courseId)))
                : ApiResults.CourseNotFound(courseId));

        api.MapDelete("/courses/{courseId}", (string courseId, CourseRemover remover) =>
            remover.Remove(courseId) ? Results.NoContent() : ApiResults.CourseNotFound(courseId));
    }
}
