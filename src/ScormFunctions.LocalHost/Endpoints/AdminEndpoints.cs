using ScormFunctions.Core.Http;
using ScormFunctions.Core.Postbacks;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Administrative postback operations — the same routes the Functions shell declares.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapApi(ApiEndpoints.ReplayPostbacks, (HttpRequest req, PostbackReplayHandler h, CancellationToken ct) => h.ReplayAsync(req, ct))
            .AcceptsJson<PostbackReplayHandler.ReplayRequest>()
            .WithTags("Postbacks")
            .WithSummary("Admin: re-apply archived postbacks (registrationId and/or from/to) through the order-safe path.");
    }
}
