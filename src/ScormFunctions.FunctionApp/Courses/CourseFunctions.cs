using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Courses;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Courses;

/// <summary>HTTP triggers for course reads (admin, resolved by <see cref="Http.CallerAccessMiddleware"/>).</summary>
public sealed class CourseFunctions(CourseHandlers handlers)
{
    [Function(nameof(ListCourses))]
    public Task<IResult> ListCourses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Courses)] HttpRequest req,
        CancellationToken cancellationToken) =>
        handlers.ListAsync(req, cancellationToken).AsResult();

    [Function(nameof(GetCourse))]
    public Task<IResult> GetCourse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Course)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.GetAsync(courseId, cancellationToken).AsResult();
}
