using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>HTTP triggers for registrations; authorization is done by the core (bearer token or Easy Auth).</summary>
public sealed class RegistrationFunctions(RegistrationHandlers handlers)
{
    [Function(nameof(CreateRegistration))]
    public Task<IResult> CreateRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations")] HttpRequest req,
        CancellationToken cancellationToken) =>
        handlers.CreateAsync(req, cancellationToken);

    [Function(nameof(GetRegistration))]
    public Task<IResult> GetRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{registrationId}")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.GetAsync(req, registrationId, cancellationToken);

    [Function(nameof(GetRegistrationDetails))]
    public Task<IResult> GetRegistrationDetails(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{registrationId}/details")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.GetDetailsAsync(req, registrationId, cancellationToken);

    [Function(nameof(DeleteRegistration))]
    public Task<IResult> DeleteRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registrations/{registrationId}")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.DeleteAsync(req, registrationId, cancellationToken);

    [Function(nameof(ResetRegistration))]
    public Task<IResult> ResetRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{registrationId}/reset")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ResetAsync(req, registrationId, cancellationToken);

    [Function(nameof(RefreshRegistration))]
    public Task<IResult> RefreshRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{registrationId}/refresh")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.RefreshAsync(req, registrationId, cancellationToken);

    [Function(nameof(SetRegistrationOverride))]
    public Task<IResult> SetRegistrationOverride(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "registrations/{registrationId}/override")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.SetOverrideAsync(req, registrationId, cancellationToken);

    [Function(nameof(ClearRegistrationOverride))]
    public Task<IResult> ClearRegistrationOverride(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registrations/{registrationId}/override")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ClearOverrideAsync(req, registrationId, cancellationToken);

    [Function(nameof(ListRegistrationOverrides))]
    public Task<IResult> ListRegistrationOverrides(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{registrationId}/overrides")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ListOverridesAsync(req, registrationId, cancellationToken);

    [Function(nameof(ListCourseRegistrations))]
    public Task<IResult> ListCourseRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courses/{courseId}/registrations")] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.ListByCourseAsync(req, courseId, cancellationToken);

    [Function(nameof(ExportCourseRegistrationsCsv))]
    public Task<IResult> ExportCourseRegistrationsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courses/{courseId}/registrations.csv")] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.ExportCourseCsvAsync(req, courseId, cancellationToken);

    [Function(nameof(RefreshCourseRegistrations))]
    public Task<IResult> RefreshCourseRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "courses/{courseId}/registrations/refresh")] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.RefreshCourseAsync(req, courseId, cancellationToken);

    [Function(nameof(ListLearnerRegistrations))]
    public Task<IResult> ListLearnerRegistrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "learners/{learnerId}/registrations")] HttpRequest req,
        string learnerId,
        CancellationToken cancellationToken) =>
        handlers.ListByLearnerAsync(req, learnerId, cancellationToken);
}
