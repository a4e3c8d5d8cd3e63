using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Privacy;

namespace ScormFunctions.FunctionApp.Privacy;

/// <summary>HTTP triggers for learner data deletion; authorization is done by the core (admin).</summary>
public sealed class LearnerDeletionFunctions(LearnerDeletionHandlers handlers)
{
    [Function(nameof(DeleteLearner))]
    public Task<IResult> DeleteLearner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "learners/{learnerId}")] HttpRequest req,
        string learnerId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handlers.StartAsync(req, learnerId, new DurableOrchestrationStarter(client), cancellationToken);

    [Function(nameof(GetLearnerDeletion))]
    public Task<IResult> GetLearnerDeletion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "learners/{learnerId}/deletion")] HttpRequest req,
        string learnerId,
        CancellationToken cancellationToken) =>
        handlers.GetAsync(req, learnerId, cancellationToken);
}
