using ScormFunctions.Core.Postbacks;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>
/// Administrative postback operations — the same routes the Functions shell declares. Not under <c>/api/admin</c>: the
/// Functions host reserves every route that starts with <c>admin</c>, even behind the <c>api</c> prefix
/// (Azure/azure-functions-host#1781), and would refuse such a function.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/postbacks/replay", (HttpRequest req, PostbackReplayHandler h, CancellationToken ct) => h.ReplayAsync(req, ct))
            .WithTags("Postbacks").WithName("ReplayPostbacks")
            .WithSummary("Admin: re-apply archived postbacks (registrationId and/or from/to) through the order-safe path.");
    }
}
