using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations.Overrides;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>HTTP triggers for admin overrides and their history (admin, resolved by <see cref="Http.CallerAccessMiddleware"/>).</summary>
public sealed class OverrideFunctions(OverrideHandlers overrides)
{
    [Function(nameof(SetRegistrationOverride))]
    public Task<IResult> SetRegistrationOverride(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.RegistrationOverride)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        overrides.SetAsync(req.HttpContext.GetCaller(), req, registrationId, cancellationToken).AsResult();

    [Function(nameof(ClearRegistrationOverride))]
    public Task<IResult> ClearRegistrationOverride(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.RegistrationOverride)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        overrides.ClearAsync(req.HttpContext.GetCaller(), req, registrationId, cancellationToken).AsResult();

    [Function(nameof(ListRegistrationOverrides))]
    public Task<IResult> ListRegistrationOverrides(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationOverrides)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        overrides.ListAsync(req, registrationId, cancellationToken).AsResult();
}
