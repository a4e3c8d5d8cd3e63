using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Health;
using ScormFunctions.Core.Http;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Health;

public sealed class HealthFunction(HealthHandler handler)
{
    [Function(nameof(ApiEndpoints.Health))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest req,
        CancellationToken cancellationToken) =>
        handler.GetAsync(req, cancellationToken).AsResult();

    [Function(nameof(ApiEndpoints.HealthLive))]
    public static IResult Live(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.HealthLive)] HttpRequest req)
    {
        _ = req;
        return HealthHandler.Live();
    }
}
