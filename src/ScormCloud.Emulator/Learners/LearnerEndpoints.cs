using Microsoft.Extensions.Options;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Learners;

/// <summary>One request of LearnerApi.DeleteAllLearnerData, as received (tests read them from the store).</summary>
public sealed record LearnerDataDeletion(string LearnerId, string UserEmail, DateTimeOffset At);

/// <summary>The learner API's GDPR endpoint.</summary>
public static class LearnerEndpoints
{
    public static void MapLearnerEndpoints(this RouteGroupBuilder api)
    {
        // SCORM Cloud starts the deletion in the background and answers at once; the emulator deletes at once: the
        // learner's registrations with their player sessions, as a registration DELETE does.
        api.MapPost("/learner/{learnerId}/delete-information", (string learnerId, string? userEmail, EmulatorStore store,
            IOptions<EmulatorOptions> options, TimeProvider time, ILogger<LearnerDataDeletion> logger) =>
        {
            if (string.IsNullOrWhiteSpace(userEmail)) return ApiResults.BadRequest("Required parameter 'userEmail' is missing.");
            var realm = options.Value.RealmUserEmails?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (realm.Length > 0 && !realm.Contains(userEmail, StringComparer.OrdinalIgnoreCase))
            {
                return ApiResults.BadRequest($"[{userEmail}] is not the primary email of a user of this application's realm.");
            }
            var removed = 0;
            foreach (var registration in store.Registrations.Values.Where(r => r.Learner.Id == learnerId).ToList())
            {
                if (!store.Registrations.TryRemove(registration.Id, out _)) continue;
                removed++;
                foreach (var s in store.Sessions.Values.Where(s => s.RegistrationId == registration.Id)) store.Sessions.TryRemove(s.Token, out _);
            }
            store.LearnerDataDeletions.Enqueue(new LearnerDataDeletion(learnerId, userEmail, time.GetUtcNow()));
            logger.LogInformation("Learner data deletion: {Count} registrations removed", removed);
            return Results.NoContent();
        });
    }
}
