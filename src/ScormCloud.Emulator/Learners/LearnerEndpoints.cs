using Microsoft.Extensions.Options;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Registrations;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Learners;

/// <summary>One request of LearnerApi.DeleteAllLearnerData, as received (tests read them from the store).</summary>
public sealed record LearnerDataDeletion(string LearnerId, string UserEmail, DateTimeOffset At);

/// <summary>The learner API's GDPR endpoint.</summary>
public static class LearnerEndpoints
{
    public static void MapLearnerEndpoints(this RouteGroupBuilder api)
    {
        // SCORM Cloud "deletes all of the PII information for the learner" in the background and answers at once; the
        // emulator does it at once: the learner's name and email leave their registrations, which stay (deleting those
        // is the caller's business: DELETE /registrations/{id}).
        api.MapPost("/learner/{learnerId}/delete-information", (string learnerId, string? userEmail, EmulatorStore store,
            IOptions<EmulatorOptions> options, TimeProvider time, ILogger<LearnerDataDeletion> logger) =>
        {
            if (string.IsNullOrWhiteSpace(userEmail)) return ApiResults.BadRequest("Required parameter 'userEmail' is missing.");
            var realm = options.Value.RealmUserEmails?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (realm.Length > 0 && !realm.Contains(userEmail, StringComparer.OrdinalIgnoreCase))
            {
                return ApiResults.BadRequest($"[{userEmail}] is not the primary email of a user of this application's realm.");
            }
            var scrubbed = 0;
            foreach (var registration in store.Registrations.Values.Where(r => r.Learner.Id == learnerId))
            {
                registration.Learner = new Learner(learnerId, null, null, null);
                scrubbed++;
            }
            store.LearnerDataDeletions.Enqueue(new LearnerDataDeletion(learnerId, userEmail, time.GetUtcNow()));
            logger.LogInformation("Learner data deletion: name and email cleared on {Count} registrations", scrubbed);
            return Results.NoContent();
        });
    }
}
