using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Launch;

/// <summary>
/// Launch flow: an authenticated POST returns our signed single-use URL; the anonymous GET on it builds SCORM Cloud's
/// launch link just in time and 302s to it; SCORM Cloud's player sends the learner to our exit endpoint, which refreshes
/// results (best effort) and 302s to <see cref="AppOptions.EffectiveReturnUrl"/>. Nothing is ever embedded.
/// </summary>
public sealed class LaunchHandlers(
    RegistrationRepository registrations,
    RegistrationHandlers registrationHandlers,
    RegistrationProvisioner provisioner,
    RegistrationRefresher refresher,
    LaunchSigner signer,
    LaunchNonceStore nonces,
    ScormCloudClient cloud,
    IOptions<AppOptions> app,
    IOptions<RegistrationOptions> options,
    RecentExitRefreshes recentExits,
    ILogger<LaunchHandlers> logger)
{
    // SCORM Cloud's link is followed at once by the browser (we 302 to it), so a short life is enough.
    private const int CloudLinkExpirySeconds = 60;

    /// <summary>POST /api/registrations/{registrationId}/launch — the owning learner or an admin.</summary>
    public async Task<Results<Ok<LaunchResponse>, ProblemHttpResult>> LaunchRegistrationAsync(Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        using var span = ScormTelemetry.Source.StartActivity("launch.sign");
        var (registration, denied) = await registrationHandlers.AuthorizeOwnerAsync(caller, registrationId, cancellationToken);
        if (denied is not null) return denied;
        span?.SetTag(ScormTags.RegistrationId, registrationId);
        if (registration!.State != RegistrationState.Active)
        {
            var repaired = await RepairAsync(registration, cancellationToken);
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
            if (registration is null && await registrationHandlers.CheckCourseAsync(courseId, cancellationToken) is { } courseProblem)
            {
                return courseProblem;
            }
            var outcome = await provisioner.EnsureAsync(
                new NewRegistration(registration?.PartitionKey ?? RegistrationIds.For(courseId, learnerId), courseId, learnerId, null, null, null),
                cancellationToken);
            if (outcome.Status is not (ProvisionStatus.Created or ProvisionStatus.Existing)) return RegistrationHandlers.ProvisionProblem(outcome);
            registration = outcome.Registration!;
            if (outcome.Status == ProvisionStatus.Created)
            {
                logger.LogInformation("Registration {RegistrationId} created at first launch of course {CourseId}", registration.PartitionKey, courseId);
            }
        }
        return TypedResults.Ok(Sign(registration.PartitionKey));
    }

    /// <summary>
    /// GET /api/registrations/{registrationId}/launch?exp&amp;nonce&amp;sig — anonymous (the signature authenticates).
    /// 302 to SCORM Cloud's player; tampered → 403, expired or reused → 410, each with what to do next.
    /// </summary>
    public async Task<IResult> OpenAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        const string Again = "Go back to your course list and select Launch again; each launch link works once, for two minutes.";
        using var span = ScormTelemetry.Source.StartActivity("launch.open");
        if (ResourceId.Validate(registrationId, "registrationId") is not null)
        {
            return LaunchPage.Error(request, 400, "This launch link is not valid.", Again);
        }
        var q = request.Query;
        var nonce = q["nonce"].ToString();
        switch (signer.Verify(registrationId, q["exp"].ToString(), nonce, q["sig"].ToString()))
        {
            case LaunchCheck.Invalid:
                logger.LogWarning("Launch URL for {RegistrationId} rejected: bad or missing signature", registrationId);
                return LaunchPage.Error(request, 403, "This launch link is not valid.", "The link is incomplete or has been changed. " + Again);
            case LaunchCheck.Expired:
                logger.LogInformation("Launch URL for {RegistrationId} rejected: expired", registrationId);
                return LaunchPage.Error(request, 410, "This launch link has expired.", Again);
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(q["exp"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        // The nonce write and the record read are independent: one storage round trip of latency, not two (launch bench).
        // The record is only looked at once the nonce is ours.
        var used = nonces.TryUseAsync(nonce, registrationId, expiresAt, cancellationToken);
        var read = registrations.GetAsync(registrationId, cancellationToken);
        try
        {
            await Task.WhenAll(used, read);
        }
        catch (Exception) when (used.IsCompletedSuccessfully && !read.IsCompletedSuccessfully && !used.Result)
        {
            // Already used: the read's outcome does not matter.
        }
        if (!await used)
        {
            logger.LogWarning("Launch URL for {RegistrationId} rejected: already used", registrationId);
            return LaunchPage.Error(request, 410, "This launch link has already been used.", Again);
        }

        span?.SetTag(ScormTags.RegistrationId, registrationId); // signed by us: no longer anonymous input
        using var scope = logger.BeginScope(LogScopes.Registration(registrationId));
        var registration = await read;
        if (registration is null || registration.State == RegistrationState.Deleted)
        {
            return LaunchPage.Error(request, 404, "This course registration no longer exists.", "Ask your administrator to assign the course again.");
        }
        if (registration.State != RegistrationState.Active && await RepairAsync(registration, cancellationToken) is not null)
        {
            return LaunchPage.Error(request, 503, "The course cannot be opened right now.", "Please try again in a few minutes. " + Again);
        }
        try
        {
            var exitUrl = ApiRoutes.Url(app.Value.PublicBaseUrl, ApiRoutes.RegistrationExit, registrationId);
            var link = await cloud.BuildLaunchLinkAsync(registrationId,
                new LaunchLinkRequest(exitUrl.AbsoluteUri) { ExpirySeconds = CloudLinkExpirySeconds }, cancellationToken);
            logger.LogInformation("Launch of {RegistrationId} (course {CourseId}) redirected to SCORM Cloud", registrationId, registration.CourseId);
            return LaunchPage.Redirect(link);
        }
        catch (ScormCloudException ex)
        {
            logger.LogWarning("Launch link for {RegistrationId} failed: SCORM Cloud {Status}", registrationId, ex.Status);
            span.Fail($"SCORM Cloud {ex.Status}");
            return ex.IsNotFound
                ? LaunchPage.Error(request, 404, "This course registration no longer exists.", "Ask your administrator to assign the course again.")
                : LaunchPage.Error(request, 503, "The course cannot be opened right now.", "SCORM Cloud did not answer. Please try again in a few minutes. " + Again);
        }
    }

    /// <summary>
    /// GET /api/registrations/{registrationId}/exit — anonymous; refreshes results within a short timeout (best effort;
    /// postbacks do the real work), then 302 to <see cref="AppOptions.EffectiveReturnUrl"/>.
    /// </summary>
    public async Task<IResult> ExitAsync(string registrationId, CancellationToken cancellationToken)
    {
        if (ResourceId.IsValid(registrationId))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.ExitRefreshTimeout);
            try
            {
                var registration = await registrations.GetAsync(registrationId, timeout.Token);
                if (registration is { State: RegistrationState.Active } && !recentExits.TryBegin(registrationId))
                {
                    // Anonymous: repeated exits must not drive SCORM Cloud traffic; the postback brings the results anyway.
                    logger.LogInformation("Exit of {RegistrationId}: refresh skipped (refreshed moments ago)", registrationId);
                }
                else if (registration is { State: RegistrationState.Active })
                {
                    var outcome = await refresher.RefreshAsync(registrationId, timeout.Token);
                    logger.LogInformation("Exit of {RegistrationId}: refresh {Outcome}", registrationId, outcome);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ScormCloudException or Azure.RequestFailedException)
            {
                logger.LogInformation("Exit of {RegistrationId}: refresh skipped ({Reason})", registrationId, ex.GetType().Name);
            }
        }
        return LaunchPage.Redirect(app.Value.EffectiveReturnUrl);
    }

    private LaunchResponse Sign(string registrationId)
    {
        var signed = signer.Create(registrationId);
        logger.LogInformation("Launch URL issued for {RegistrationId}, expires {ExpiresAt:O}", registrationId, signed.ExpiresAt);
        return new LaunchResponse(signed.LaunchUrl, signed.ExpiresAt, registrationId);
    }

    /// <summary>Null when the registration is (now) active; otherwise the problem to return.</summary>
    private async Task<ProblemHttpResult?> RepairAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        if (registration.State == RegistrationState.Deleted)
        {
            return Problems.NotFound($"Registration '{registration.PartitionKey}' does not exist.");
        }
        var outcome = await provisioner.CompleteAsync(registration, cancellationToken);
        return outcome.Status is ProvisionStatus.Created or ProvisionStatus.Existing ? null : RegistrationHandlers.ProvisionProblem(outcome);
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
