using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations.Assign;
using ScormFunctions.Core.Registrations.Lifecycle;
using ScormFunctions.Core.Registrations.Progress;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>HTTP triggers for assigning, reading, refreshing, deleting and resetting registrations; the caller is resolved by <see cref="Http.CallerAccessMiddleware"/> before they run.</summary>
public sealed class RegistrationFunctions(AssignRegistrationHandler assignment, RegistrationProgressHandlers progress, RegistrationLifecycleHandlers lifecycle)
{
    [Function(nameof(CreateRegistration))]
    public Task<IResult> CreateRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Registrations)] HttpRequest req,
        CancellationToken cancellationToken) =>
        assignment.CreateAsync(req, cancellationToken).AsResult();

    [Function(nameof(GetRegistration))]
    public Task<IResult> GetRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Registration)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        progress.GetAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(GetRegistrationDetails))]
    public Task<IResult> GetRegistrationDetails(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationDetails)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        progress.GetDetailsAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(DeleteRegistration))]
    public Task<IResult> DeleteRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Registration)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        lifecycle.DeleteAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(ResetRegistration))]
    public Task<IResult> ResetRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationReset)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        lifecycle.ResetAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(RefreshRegistration))]
    public Task<IResult> RefreshRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationRefresh)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        progress.RefreshAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(RefreshCourseRegistrations))]
    public Task<IResult> RefreshCourseRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CourseRegistrationsRefresh)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        progress.RefreshCourseAsync(req, courseId, cancellationToken).AsResult();
}
