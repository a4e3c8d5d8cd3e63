using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Launch;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>Launch triggers: signed URL issue (authenticated), open and exit (anonymous; the signature or nothing authenticates).</summary>
public sealed class LaunchFunctions(LaunchHandlers handlers)
{
    [Function(nameof(LaunchRegistration))]
    public Task<IResult> LaunchRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{registrationId}/launch")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.LaunchRegistrationAsync(req, registrationId, cancellationToken);

    [Function(nameof(LaunchCourse))]
    public Task<IResult> LaunchCourse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "courses/{courseId}/launch")] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.LaunchCourseAsync(req, courseId, cancellationToken);

    [Function(nameof(OpenLaunch))]
    public Task<IResult> OpenLaunch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{registrationId}/launch")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.OpenAsync(req, registrationId, cancellationToken);

    [Function(nameof(ExitRegistration))]
    public Task<IResult> ExitRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{registrationId}/exit")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ExitAsync(req, registrationId, cancellationToken);
}
