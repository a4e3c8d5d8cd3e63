using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Registrations.Retakes;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>HTTP triggers for retakes (registration instances); authorization is done by the core.</summary>
public sealed class RetakeFunctions(RetakeHandlers handlers)
{
    [Function(nameof(CreateRegistrationInstance))]
    public Task<IResult> CreateRegistrationInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{registrationId}/instances")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.CreateInstanceAsync(req, registrationId, cancellationToken);

    [Function(nameof(ListRegistrationInstances))]
    public Task<IResult> ListRegistrationInstances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{registrationId}/instances")] HttpRequest req,
        string registrationId,
        CancellationToken cancellationToken) =>
        handlers.ListInstancesAsync(req, registrationId, cancellationToken);
}
