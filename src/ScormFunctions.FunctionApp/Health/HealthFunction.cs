using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Health;

namespace ScormFunctions.FunctionApp.Health;

public sealed class HealthFunction(HealthHandler handler)
{
    [Function("Health")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken) =>
        handler.GetAsync(req, cancellationToken);

    [Function("HealthLive")]
    public static IResult Live(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest req)
    {
        _ = req;
        return HealthHandler.Live();
    }
}
