using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Privacy;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Learner data deletion — the same routes the Functions shell declares.</summary>
public static class LearnerEndpoints
{
    public static void MapLearnerEndpoints(this IEndpointRouteBuilder api)
    {
        var learners = api.MapGroup("/learners/{learnerId}").WithTags("Learners");
        learners.MapDelete("", (HttpRequest req, string learnerId, LearnerDeletionHandlers h, IOrchestrationStarter starter, CancellationToken ct) =>
                h.StartAsync(req, learnerId, starter, ct))
            .WithName("DeleteLearner").WithSummary("Admin: delete everything we and SCORM Cloud hold about a learner (202; tracked durably).");
        learners.MapGet("/deletion", (HttpRequest req, string learnerId, LearnerDeletionHandlers h, CancellationToken ct) => h.GetAsync(req, learnerId, ct))
            .WithName("GetLearnerDeletion").WithSummary("Admin: progress, then the audit record, of the learner's latest deletion.");
    }
}
