using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Launch;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>Launch triggers: signed URL issue (authenticated), open and exit (anonymous; the signature or nothing authenticates).</summary>
public sealed class LaunchFunctions(LaunchHandlers handlers)
{
    [Function(nameof(LaunchRegistration))]
    public Task<IResult> LaunchRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationLaunch)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.LaunchRegistrationAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(LaunchCourse))]
    public Task<IResult> LaunchCourse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CourseLaunch)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.LaunchCourseAsync(req.HttpContext.GetCaller(), courseId, cancellationToken).AsResult();

    [Function(nameof(OpenLaunch))]
    public Task<IResult> OpenLaunch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationLaunch)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.OpenAsync(req, registrationId, cancellationToken);

    [Function(nameof(ExitRegistration))]
    public Task<IResult> ExitRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationExit)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ExitAsync(registrationId, cancellationToken);
}
