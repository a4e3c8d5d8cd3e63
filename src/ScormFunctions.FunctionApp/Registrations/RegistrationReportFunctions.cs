using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations.Reports;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>HTTP triggers for lists of registrations and the CSV report (resolved by <see cref="Http.CallerAccessMiddleware"/>).</summary>
public sealed class RegistrationReportFunctions(RegistrationReportHandlers reports)
{
    [Function(nameof(ListCourseRegistrations))]
    public Task<IResult> ListCourseRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CourseRegistrations)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        reports.ListByCourseAsync(req, courseId, cancellationToken).AsResult();

    [Function(nameof(ExportCourseRegistrationsCsv))]
    public IResult ExportCourseRegistrationsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CourseRegistrationsCsv)] HttpRequest req,
        string courseId) =>
        reports.ExportCourseCsv(req.HttpContext.GetCaller(), courseId);

    [Function(nameof(ListLearnerRegistrations))]
    public Task<IResult> ListLearnerRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.LearnerRegistrations)] HttpRequest req,
        string learnerId,
        CancellationToken cancellationToken) =>
        reports.ListByLearnerAsync(req.HttpContext.GetCaller(), req, learnerId, cancellationToken).AsResult();
}
