using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Privacy;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Learner data deletion — mapped from the core's route table, like the Functions shell's triggers.</summary>
public static class LearnerEndpoints
{
    public static void MapLearnerEndpoints(this IEndpointRouteBuilder api)
    {
        var learners = api.MapGroup("").WithTags("Learners");
        learners.MapApi(ApiEndpoints.DeleteLearner, (Caller caller, string learnerId, LearnerDeletionHandlers h, IOrchestrationStarter starter, CancellationToken ct) =>
                h.StartAsync(caller, learnerId, starter, ct))
            .WithSummary("Admin: delete everything we and SCORM Cloud hold about a learner (202; tracked durably).");
        learners.MapApi(ApiEndpoints.GetLearnerDeletion, (string learnerId, LearnerDeletionHandlers h, CancellationToken ct) => h.GetAsync(learnerId, ct))
            .WithSummary("Admin: progress, then the audit record, of the learner's latest deletion.");
    }
}
