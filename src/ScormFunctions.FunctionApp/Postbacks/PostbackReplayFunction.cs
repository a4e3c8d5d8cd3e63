using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Postbacks;

/// <summary>
/// Admin: re-apply archived postbacks through the order-safe path (admin, resolved by the caller middleware). The route is not
/// <c>admin/…</c> because the Functions host reserves routes starting with <c>admin</c> (Azure/azure-functions-host#1781).
/// </summary>
public sealed class PostbackReplayFunction(PostbackReplayHandler handler)
{
    [Function(nameof(ReplayPostbacks))]
    public Task<IResult> ReplayPostbacks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PostbackReplay)] HttpRequest req,
        CancellationToken cancellationToken) =>
        handler.ReplayAsync(req, cancellationToken).AsResult();
}
