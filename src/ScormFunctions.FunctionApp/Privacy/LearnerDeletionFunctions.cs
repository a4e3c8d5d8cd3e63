using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Privacy;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Privacy;

/// <summary>HTTP triggers for learner data deletion (admin, resolved by the worker middleware).</summary>
public sealed class LearnerDeletionFunctions(LearnerDeletionHandlers handlers)
{
    [Function(nameof(DeleteLearner))]
    public Task<IResult> DeleteLearner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Learner)] HttpRequest req,
        string learnerId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handlers.StartAsync(req.HttpContext.GetCaller(), learnerId, new DurableOrchestrationStarter(client), cancellationToken).AsResult();

    [Function(nameof(GetLearnerDeletion))]
    public Task<IResult> GetLearnerDeletion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.LearnerDeletion)] HttpRequest req,
        string learnerId,
        CancellationToken cancellationToken)
    {
        _ = req;
        return handlers.GetAsync(learnerId, cancellationToken).AsResult();
    }
}
