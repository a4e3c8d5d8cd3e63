using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Postbacks;

namespace ScormFunctions.FunctionApp.Postbacks;

/// <summary>SCORM Cloud's registration postbacks: anonymous at the platform, authenticated per registration by the core.</summary>
public sealed class PostbackFunctions(PostbackHandler handler)
{
    [Function(nameof(ReceiveRegistrationPostback))]
    public Task<IResult> ReceiveRegistrationPostback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationPostbacks)] HttpRequest req,
        CancellationToken cancellationToken) =>
        handler.ReceiveAsync(req, cancellationToken);
}
