using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Courses;

namespace ScormFunctions.FunctionApp.Courses;

/// <summary>HTTP triggers for course reads; authorization is done by the core (bearer token or Easy Auth).</summary>
public sealed class CourseFunctions(CourseHandlers handlers)
{
    [Function(nameof(ListCourses))]
    public Task<IResult> ListCourses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courses")] HttpRequest req,
        CancellationToken cancellationToken) =>
        handlers.ListAsync(req, cancellationToken);

    [Function(nameof(GetCourse))]
    public Task<IResult> GetCourse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courses/{courseId}")] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.GetAsync(req, courseId, cancellationToken);
}
