using ScormFunctions.Core.Health;
using ScormFunctions.Core.Http;

namespace ScormFunctions.LocalHost.Endpoints;

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapApi(ApiEndpoints.Health, (HttpRequest req, HealthHandler h, CancellationToken ct) => h.GetAsync(req, ct))
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Anonymous: state of storage and SCORM Cloud.").WithTags("Health");
        api.MapApi(ApiEndpoints.HealthLive, HealthHandler.Live)
            .WithSummary("Anonymous: 200 while the process answers; checks nothing.").WithTags("Health");
    }
}
