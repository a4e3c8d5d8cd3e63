using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Registrations.Assign;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Launch;

/// <summary>
/// Our signed, single-use launch URLs (≤ 2 min): for a registration its learner or an admin may open, or for a course,
/// the caller's registration for it — created on first use with the deterministic id, so concurrent clicks make one.
/// </summary>
public sealed class LaunchIssueHandlers(
    RegistrationRepository registrations,
    RegistrationAccess access,
    AssignRegistrationHandler assignment,
    RegistrationProvisioner provisioner,
    RegistrationRepair repair,
    LaunchSigner signer,
    ILogger<LaunchIssueHandlers> logger)
{
    /// <summary>POST /api/registrations/{registrationId}/launch — the owning learner or an admin.</summary>
    public async Task<Results<Ok<LaunchResponse>, ProblemHttpResult>> LaunchRegistrationAsync(Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        using var span = ScormTelemetry.Source.StartActivity("launch.sign");
        var (registration, denied) = await access.ReadAsync(caller, registrationId, cancellationToken);
        if (denied is not null) return denied;
        span?.SetTag(ScormTags.RegistrationId, registrationId);
        if (registration!.State != RegistrationState.Active)
        {
            var repaired = await repair.RepairAsync(registration, cancellationToken);
            if (repaired is not null) return repaired;
        }
        return TypedResults.Ok(Sign(registrationId));
    }

    /// <summary>
    /// POST /api/courses/{courseId}/launch — any signed-in learner: their registration for the course (an existing one,
    /// or one created now with the deterministic id, so concurrent clicks make one), then the same answer as above.
    /// </summary>
    public async Task<Results<Ok<LaunchResponse>, ProblemHttpResult>> LaunchCourseAsync(Caller caller, string courseId, CancellationToken cancellationToken)
    {
        using var span = ScormTelemetry.Source.StartActivity("launch.course");
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        span?.SetTag(ScormTags.CourseId, courseId);
        var learnerId = caller.Subject;
        if (!ResourceId.IsValid(learnerId))
        {
            // The subject becomes the learner id (table keys, SCORM Cloud's learner): one that cannot be an id is refused.
            return Problems.Forbidden("Your sign-in subject cannot be used as a learner id; ask an administrator to assign the course.");
        }
        var registration = await FindForCourseAsync(courseId, learnerId, cancellationToken);
        if (registration is null || registration.State != RegistrationState.Active)
        {
            if (registration is null && await assignment.CheckCourseAsync(courseId, cancellationToken) is { } courseProblem)
            {
                return courseProblem;
            }
            var outcome = await provisioner.EnsureAsync(
                new NewRegistration(registration?.PartitionKey ?? RegistrationIds.For(courseId, learnerId), courseId, learnerId, null, null, null),
                cancellationToken);
            if (outcome.Status is not (ProvisionStatus.Created or ProvisionStatus.Existing)) return RegistrationProblems.Provision(outcome);
            registration = outcome.Registration!;
            if (outcome.Status == ProvisionStatus.Created)
            {
                logger.LogInformation("Registration {RegistrationId} created at first launch of course {CourseId}", registration.PartitionKey, courseId);
            }
        }
        return TypedResults.Ok(Sign(registration.PartitionKey));
    }

    private LaunchResponse Sign(string registrationId)
    {
        var signed = signer.Create(registrationId);
        logger.LogInformation("Launch URL issued for {RegistrationId}, expires {ExpiresAt:O}", registrationId, signed.ExpiresAt);
        return new LaunchResponse(signed.LaunchUrl, signed.ExpiresAt, registrationId);
    }

    private async Task<RegistrationEntity?> FindForCourseAsync(string courseId, string learnerId, CancellationToken cancellationToken)
    {
        var deterministic = await registrations.GetAsync(RegistrationIds.For(courseId, learnerId), cancellationToken);
        // An assignment may have given the derived id to another learner or course: never hand that one out.
        if (deterministic is not null && deterministic.State != RegistrationState.Deleted
            && deterministic.LearnerId == learnerId && deterministic.CourseId == courseId)
        {
            return deterministic;
        }
        string? token = null;
        RegistrationEntity? found = null;
        do
        {
            var page = await registrations.ListByLearnerAsync(learnerId, 100, token, cancellationToken);
            foreach (var r in page.Items.Where(r => r.CourseId == courseId && r.State != RegistrationState.Deleted))
            {
                // Prefer an active one; otherwise the most recent.
                if (found is null || (r.State == RegistrationState.Active && found.State != RegistrationState.Active)
                    || (r.State == found.State && r.CreatedAt > found.CreatedAt))
                {
                    found = r;
                }
            }
            token = page.ContinuationToken;
        }
        while (token is not null);
        return found;
    }
}
