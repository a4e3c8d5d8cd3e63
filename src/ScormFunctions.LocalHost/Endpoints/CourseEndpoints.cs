using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Http;

namespace ScormFunctions.LocalHost.Endpoints;

public static class CourseEndpoints
{
    public static void MapCourseEndpoints(this IEndpointRouteBuilder api)
    {
        var courses = api.MapGroup("").WithTags("Courses");
        courses.MapApi(ApiEndpoints.ListCourses, (HttpRequest req, CourseHandlers h, CancellationToken ct) => h.ListAsync(req, ct))
            .WithSummary("Admin: courses, paged.");
        courses.MapApi(ApiEndpoints.GetCourse, (string courseId, CourseHandlers h, CancellationToken ct) => h.GetAsync(courseId, ct))
            .WithSummary("Admin: one course.");
        courses.MapApi(ApiEndpoints.DeleteCourse, (string courseId, CourseHandlers h, CancellationToken ct) => h.DeleteAsync(courseId, ct))
            .WithSummary("Admin: delete a course in SCORM Cloud and here; its registrations are marked deleted.");
    }
}
