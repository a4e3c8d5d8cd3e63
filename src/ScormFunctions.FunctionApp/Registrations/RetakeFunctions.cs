using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations.Retakes;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>HTTP triggers for retakes (registration instances); the caller is resolved by the worker middleware.</summary>
public sealed class RetakeFunctions(RetakeHandlers handlers)
{
    [Function(nameof(CreateRegistrationInstance))]
    public Task<IResult> CreateRegistrationInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationInstances)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.CreateInstanceAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();

    [Function(nameof(ListRegistrationInstances))]
    public Task<IResult> ListRegistrationInstances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.RegistrationInstances)] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ListInstancesAsync(req.HttpContext.GetCaller(), registrationId, cancellationToken).AsResult();
}
