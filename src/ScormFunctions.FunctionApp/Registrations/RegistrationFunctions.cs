using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>HTTP triggers for registrations; the caller is resolved by <see cref="Http.CallerAccessMiddleware"/> before they run.</summary>
public sealed class RegistrationFunctions(RegistrationHandlers handlers)
{
    [Function(nameof(CreateRegistration))]
    public Task<IResult> CreateRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Registrations)] HttpRequest req,
        CancellationToken cancellationToken) =>
        handlers.CreateAsync(req, cancellationToken).AsResult();

    [Function(nameof(GetRegistration))]
    public Task<IResult> GetRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Registration)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.GetAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(GetRegistrationDetails))]
    public Task<IResult> GetRegistrationDetails(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationDetails)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.GetDetailsAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(DeleteRegistration))]
    public Task<IResult> DeleteRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Registration)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.DeleteAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(ResetRegistration))]
    public Task<IResult> ResetRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationReset)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ResetAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(RefreshRegistration))]
    public Task<IResult> RefreshRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationRefresh)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.RefreshAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(SetRegistrationOverride))]
    public Task<IResult> SetRegistrationOverride(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.RegistrationOverride)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.SetOverrideAsync(req.HttpContext.GetCaller(), req, registrationId, cancellationToken).AsResult();

    [Function(nameof(ClearRegistrationOverride))]
    public Task<IResult> ClearRegistrationOverride(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.RegistrationOverride)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ClearOverrideAsync(req.HttpContext.GetCaller(), req, registrationId, cancellationToken).AsResult();

    [Function(nameof(ListRegistrationOverrides))]
    public Task<IResult> ListRegistrationOverrides(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationOverrides)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ListOverridesAsync(req, registrationId, cancellationToken).AsResult();

    [Function(nameof(ListCourseRegistrations))]
    public Task<IResult> ListCourseRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CourseRegistrations)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.ListByCourseAsync(req, courseId, cancellationToken).AsResult();

    [Function(nameof(ExportCourseRegistrationsCsv))]
    public IResult ExportCourseRegistrationsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CourseRegistrationsCsv)] HttpRequest req,
        string courseId) =>
        handlers.ExportCourseCsv(req.HttpContext.GetCaller(), courseId);

    [Function(nameof(RefreshCourseRegistrations))]
    public Task<IResult> RefreshCourseRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CourseRegistrationsRefresh)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.RefreshCourseAsync(req, courseId, cancellationToken).AsResult();

    [Function(nameof(ListLearnerRegistrations))]
    public Task<IResult> ListLearnerRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.LearnerRegistrations)] HttpRequest req,
        string learnerId,
        CancellationToken cancellationToken) =>
        handlers.ListByLearnerAsync(req.HttpContext.GetCaller(), req, learnerId, cancellationToken).AsResult();
}
