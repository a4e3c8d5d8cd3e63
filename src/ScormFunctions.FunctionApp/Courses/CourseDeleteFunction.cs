using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Courses;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Courses;

/// <summary>DELETE /api/courses/{courseId}: SCORM Cloud first, then our records (registrations marked deleted).</summary>
public sealed class CourseDeleteFunction(CourseHandlers handlers)
{
    [Function(nameof(DeleteCourse))]
    public Task<IResult> DeleteCourse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Course)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.DeleteAsync(courseId, cancellationToken).AsResult();
}
