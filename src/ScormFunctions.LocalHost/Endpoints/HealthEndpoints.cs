using ScormFunctions.Core.Health;

namespace ScormFunctions.LocalHost.Endpoints;

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/health", (HttpRequest req, HealthHandler h, CancellationToken ct) => h.GetAsync(req, ct))
            .WithName("GetHealth").WithSummary("Anonymous: state of storage and SCORM Cloud.").WithTags("Health");
        api.MapGet("/health/live", HealthHandler.Live)
            .WithName("GetLiveness").WithSummary("Anonymous: 200 while the process answers; checks nothing.").WithTags("Health");
    }
}
