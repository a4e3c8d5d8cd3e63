using ScormFunctions.Core.Courses;

namespace ScormFunctions.LocalHost.Endpoints;

public static class CourseEndpoints
{
    public static void MapCourseEndpoints(this IEndpointRouteBuilder api)
    {
        var courses = api.MapGroup("/courses").WithTags("Courses");
        courses.MapGet("", (HttpRequest req, CourseHandlers h, CancellationToken ct) => h.ListAsync(req, ct))
            .WithName("ListCourses").WithSummary("Admin: courses, paged.");
        courses.MapGet("/{courseId}", (HttpRequest req, string courseId, CourseHandlers h, CancellationToken ct) => h.GetAsync(req, courseId, ct))
            .WithName("GetCourse").WithSummary("Admin: one course.");
        courses.MapDelete("/{courseId}", (HttpRequest req, string courseId, CourseHandlers h, CancellationToken ct) => h.DeleteAsync(req, courseId, ct))
            .WithName("DeleteCourse").WithSummary("Admin: delete a course in SCORM Cloud and here; its registrations are marked deleted.");
    }
}
