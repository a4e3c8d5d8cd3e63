using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Launch;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>Launch triggers: signed URL issue (authenticated), open and exit (anonymous; the signature or nothing authenticates).</summary>
public sealed class LaunchFunctions(LaunchIssueHandlers issue, LaunchOpenHandler open, LaunchExitHandler exit)
{
    [Function(nameof(LaunchRegistration))]
    public Task<IResult> LaunchRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationLaunch)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        issue.LaunchRegistrationAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(LaunchCourse))]
    public Task<IResult> LaunchCourse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CourseLaunch)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        issue.LaunchCourseAsync(req.HttpContext.GetCaller(), courseId, cancellationToken).AsResult();

    [Function(nameof(OpenLaunch))]
    public Task<IResult> OpenLaunch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationLaunch)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        open.OpenAsync(req, registrationId, cancellationToken);

    [Function(nameof(ExitRegistration))]
    public Task<IResult> ExitRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationExit)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        exit.ExitAsync(registrationId, cancellationToken);
}
