using ScormCloud.Emulator.Api;

namespace ScormCloud.Emulator.Faults;

/// <summary><c>GET|POST /emulator/faults</c>: read or replace the fault settings while the emulator runs.</summary>
public static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/faults", (FaultState faults) => ApiResults.Json(faults.Current));
        app.MapPost("/emulator/faults", (FaultOptions body, FaultState faults, ILogger<FaultState> logger) =>
        {
            faults.Set(body);
            logger.LogInformation(
                "Faults set: error rate {ErrorRate}, latency {Latency}, 429 rate {TooManyRequestsRate}",
                body.ErrorRate, body.Latency, body.TooManyRequestsRate);
            return Results.NoContent();
        });
    }
}
