using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ScormCloud.Client;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Registration endpoints (host-neutral: both hosts call these with the raw request). Another learner's registration
/// answers 403, like every owner check in this API (ids are not secrets; the 403 reveals existence only).
/// </summary>
public sealed class RegistrationHandlers(
    AccessControl access,
    CourseRepository courses,
    RegistrationRepository registrations,
    RegistrationProvisioner provisioner,
    RegistrationRefresher refresher,
    RegistrationResultsStore results,
    ScormCloudClient cloud,
    TimeProvider time,
    ILogger<RegistrationHandlers> logger)
{
    private const int MaxNameLength = 200;
    private const int MaxEmailLength = 320;
    private const int MaxReasonLength = 2000;

    /// <summary>POST /api/registrations — admin; 201 when created, 200 when the same registration already exists.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        var (body, problem) = await JsonBody.ReadAsync<CreateRegistrationBody>(request, cancellationToken);
        if (problem is not null) return problem;

        var errors = new Dictionary<string, string[]>();
        void Check(string key, string? message)
        {
            if (message is not null) errors[key] = [message];
        }
        Check("courseId", ResourceId.Validate(body!.CourseId, "courseId"));
        Check("learner.id", body.Learner is null ? "learner is required." : ResourceId.Validate(body.Learner.Id, "learner.id"));
        if (body.RegistrationId is not null) Check("registrationId", ResourceId.Validate(body.RegistrationId, "registrationId"));
        Check("learner.firstName", TooLong(body.Learner?.FirstName, "learner.firstName", MaxNameLength));
        Check("learner.lastName", TooLong(body.Learner?.LastName, "learner.lastName", MaxNameLength));
        Check("learner.email", TooLong(body.Learner?.Email, "learner.email", MaxEmailLength));
        if (errors.Count > 0) return Problems.Validation(errors);

        var learner = body.Learner!;
        var courseId = body.CourseId!;
        if (await CheckCourseAsync(courseId, cancellationToken) is { } courseProblem) return courseProblem;
        var registrationId = body.RegistrationId ?? RegistrationIds.For(courseId, learner.Id!);
        var outcome = await provisioner.EnsureAsync(
            new NewRegistration(registrationId, courseId, learner.Id!, learner.FirstName, learner.LastName, learner.Email), cancellationToken);
        return outcome.Status switch
        {
            ProvisionStatus.Created => Results.Created($"/api/registrations/{Uri.EscapeDataString(registrationId)}", RegistrationResponse.From(outcome.Registration!)),
            ProvisionStatus.Existing => Results.Ok(RegistrationResponse.From(outcome.Registration!)),
            _ => ProvisionProblem(outcome),
        };
    }

    /// <summary>GET /api/registrations/{registrationId} — the owning learner or an admin.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, caller, denied) = await AuthorizeCallerAsync(request, registrationId, cancellationToken);
        return denied ?? Results.Ok(RegistrationResponse.From(registration!, includeOverride: caller!.IsAdmin));
    }

    /// <summary>GET /api/registrations/{registrationId}/details — owner or admin; the stored activity tree and runtime data.</summary>
    public async Task<IResult> GetDetailsAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, caller, denied) = await AuthorizeCallerAsync(request, registrationId, cancellationToken);
        if (denied is not null) return denied;
        var details = await results.OpenDetailsAsync(registration!, cancellationToken);
        if (details is null) return Problems.NotFound($"No activity details have been reported for registration '{registrationId}' yet.");
        if (caller!.IsAdmin) return Results.Stream(details, "application/json");
        // Learners get their runtime data without the answer key (interactions' correct responses).
        await using (details)
        {
            return Results.Bytes(await RuntimeDetails.WithoutAnswersAsync(details, cancellationToken), "application/json");
        }
    }

    /// <summary>GET /api/courses/{courseId}/registrations — admin; paged.</summary>
    public async Task<IResult> ListByCourseAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;
        var page = await registrations.ListByCourseAsync(courseId, pageSize, token, cancellationToken);
        return Results.Ok(ToResponse(page));
    }

    /// <summary>GET /api/learners/{learnerId}/registrations — admin, or the learner for themself; paged.</summary>
    public async Task<IResult> ListByLearnerAsync(HttpRequest request, string learnerId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireCallerAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(learnerId, "learnerId") is { } invalid) return invalid;
        if (AccessControl.ForbidUnlessOwner(auth.Caller, learnerId) is { } forbidden) return forbidden;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;
        var page = await registrations.ListByLearnerAsync(learnerId, pageSize, token, cancellationToken);
        return Results.Ok(ToResponse(page, includeOverride: auth.Caller.IsAdmin));
    }

    /// <summary>GET /api/courses/{courseId}/registrations.csv — admin; streamed page by page.</summary>
    public async Task<IResult> ExportCourseCsvAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        logger.LogInformation("CSV export of course {CourseId} by {Actor}", courseId, auth.Caller.Subject);
        return new RegistrationCsvResult(courseId, registrations);
    }

    /// <summary>POST /api/registrations/{registrationId}/refresh — the owning learner or an admin.</summary>
    public async Task<IResult> RefreshAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, caller, denied) = await AuthorizeCallerAsync(request, registrationId, cancellationToken);
        if (denied is not null) return denied;
        if (registration!.State != RegistrationState.Active)
        {
            return Problems.Conflict($"Registration '{registrationId}' is {registration.State}; only active registrations can be refreshed.");
        }
        try
        {
            await refresher.RefreshAsync(registrationId, cancellationToken);
        }
        catch (ScormCloudException ex)
        {
            return CloudProblem(ex, registrationId);
        }
        var current = await registrations.GetAsync(registrationId, cancellationToken);
        return current is null
            ? Problems.NotFound($"Registration '{registrationId}' does not exist.")
            : Results.Ok(RegistrationResponse.From(current, includeOverride: caller!.IsAdmin));
    }

    /// <summary>POST /api/courses/{courseId}/registrations/refresh?since= — admin; every registration SCORM Cloud has for the course.</summary>
    public async Task<IResult> RefreshCourseAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        DateTimeOffset? since = null;
        var sinceText = request.Query["since"].ToString();
        if (sinceText.Length > 0)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.BadRequest("since must be an ISO 8601 date and time, e.g. 2026-01-31T00:00:00Z.");
            }
            since = parsed;
        }
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Status == CourseStatus.Deleted) return Problems.NotFound($"Course '{courseId}' does not exist.");
        try
        {
            return Results.Ok(await refresher.RefreshCourseAsync(courseId, since, cancellationToken));
        }
        catch (ScormCloudException ex)
        {
            return CloudProblem(ex, null);
        }
    }

    /// <summary>PUT /api/registrations/{registrationId}/override — admin; replaces the override, with history.</summary>
    public async Task<IResult> SetOverrideAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var (body, problem) = await JsonBody.ReadAsync<OverrideBody>(request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        var completion = body!.Completion?.ToLowerInvariant();
        var success = body.Success?.ToLowerInvariant();
        if (completion is not null && !RegistrationResults.IsCompletion(completion)) errors["completion"] = ["completion must be completed, incomplete or unknown."];
        if (success is not null && !RegistrationResults.IsSuccess(success)) errors["success"] = ["success must be passed, failed or unknown."];
        if (body.Score is { } s && (!double.IsFinite(s) || s < 0 || s > 100)) errors["score"] = ["score must be from 0 to 100."];
        if (completion is null && success is null && body.Score is null) errors["override"] = ["Give at least one of completion, success and score."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["reason is required."];
        else if (TooLong(body.Reason, "reason", MaxReasonLength) is { } longReason) errors["reason"] = [longReason];
        if (errors.Count > 0) return Problems.Validation(errors);

        if (await registrations.GetAsync(registrationId, cancellationToken) is null or { State: RegistrationState.Deleted })
        {
            return Problems.NotFound($"Registration '{registrationId}' does not exist.");
        }
        var now = time.GetUtcNow();
        await registrations.AddOverrideHistoryAsync(new RegistrationOverrideEntity
        {
            PartitionKey = registrationId,
            Action = RegistrationOverrideEntity.ActionSet,
            Completion = completion,
            Success = success,
            Score = body.Score,
            Reason = body.Reason!.Trim(),
            By = auth.Caller.Subject,
            At = now,
        }, cancellationToken);
        var updated = await registrations.UpdateWithRetryAsync(registrationId, r =>
        {
            if (r.State == RegistrationState.Deleted) return false;
            r.OverrideCompletion = completion;
            r.OverrideSuccess = success;
            r.OverrideScore = body.Score;
            r.OverrideReason = body.Reason!.Trim();
            r.OverrideBy = auth.Caller.Subject;
            r.OverrideAt = now;
            return true;
        }, cancellationToken);
        if (updated is null or { State: RegistrationState.Deleted }) return Problems.NotFound($"Registration '{registrationId}' does not exist.");
        logger.LogInformation("Override set on {RegistrationId} (course {CourseId}) by {Actor}", registrationId, updated.CourseId, auth.Caller.Subject);
        return Results.Ok(RegistrationResponse.From(updated));
    }

    /// <summary>DELETE /api/registrations/{registrationId}/override — admin; optional reason (body or <c>?reason=</c>).</summary>
    public async Task<IResult> ClearOverrideAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var reason = request.Query["reason"].ToString();
        if (reason.Length == 0 && (request.ContentLength ?? 0) > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<ClearOverrideBody>(request, cancellationToken);
            if (problem is not null) return problem;
            reason = body!.Reason ?? "";
        }
        if (TooLong(reason, "reason", MaxReasonLength) is { } longReason) return Problems.BadRequest(longReason);
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null or { State: RegistrationState.Deleted }) return Problems.NotFound($"Registration '{registrationId}' does not exist.");
        if (!RegistrationResponse.HasOverride(registration)) return Results.Ok(RegistrationResponse.From(registration));
        var updated = await ClearOverrideCoreAsync(registrationId, auth.Caller.Subject, reason.Length == 0 ? null : reason.Trim(), cancellationToken);
        return updated is null ? Problems.NotFound($"Registration '{registrationId}' does not exist.") : Results.Ok(RegistrationResponse.From(updated));
    }

    /// <summary>GET /api/registrations/{registrationId}/overrides — admin; the override history, newest first, paged.</summary>
    public async Task<IResult> ListOverridesAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null or { State: RegistrationState.Deleted }) return Problems.NotFound($"Registration '{registrationId}' does not exist.");
        var page = await registrations.ListOverrideHistoryAsync(registrationId, pageSize, token, cancellationToken);
        // History of an earlier registration with the same id (deleted, then created again) is not shown.
        var items = page.Items.Where(e => e.At >= registration.CreatedAt).Select(OverrideHistoryResponse.From).ToList();
        return Results.Ok(new PagedResult<OverrideHistoryResponse>(items, page.ContinuationToken));
    }

    /// <summary>DELETE /api/registrations/{registrationId} — admin; in SCORM Cloud, then in our records.</summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null) return Problems.NotFound($"Registration '{registrationId}' does not exist.");
        try
        {
            // SCORM Cloud first: if we crash after it, a repeated DELETE finishes (a missing registration counts as deleted).
            await cloud.DeleteRegistrationAsync(registrationId, cancellationToken);
        }
        catch (ScormCloudException ex)
        {
            return CloudProblem(ex, registrationId);
        }
        for (var attempt = 1; ; attempt++)
        {
            var current = await registrations.GetAsync(registrationId, cancellationToken);
            if (current is null) break;
            try
            {
                await registrations.DeleteAsync(current, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < 10)
            {
                // A postback wrote meanwhile; delete its version.
            }
        }
        logger.LogInformation("Registration {RegistrationId} (course {CourseId}) deleted by {Actor}", registrationId, registration.CourseId, auth.Caller.Subject);
        return Results.NoContent();
    }

    /// <summary>POST /api/registrations/{registrationId}/reset — admin; clears progress in SCORM Cloud and in our record (and the override).</summary>
    public async Task<IResult> ResetAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null) return Problems.NotFound($"Registration '{registrationId}' does not exist.");
        if (registration.State != RegistrationState.Active)
        {
            return Problems.Conflict($"Registration '{registrationId}' is {registration.State}; only active registrations can be reset.");
        }
        try
        {
            await cloud.DeleteRegistrationProgressAsync(registrationId, cancellationToken);
        }
        catch (ScormCloudException ex)
        {
            return CloudProblem(ex, registrationId);
        }
        var refreshed = false;
        try
        {
            // SCORM Cloud's 'updated' moved forward with the reset, so the refresh wins over any older postback in flight.
            refreshed = await refresher.RefreshAsync(registrationId, cancellationToken) == ResultsApplyOutcome.Applied;
        }
        catch (ScormCloudException ex)
        {
            logger.LogWarning("Refresh after reset of {RegistrationId} failed ({Status}); clearing our copy", registrationId, ex.Status);
        }
        if (!refreshed)
        {
            await registrations.UpdateWithRetryAsync(registrationId, r =>
            {
                RegistrationResults.Clear(r);
                return true;
            }, cancellationToken);
        }
        if (RegistrationResponse.HasOverride(registration))
        {
            await ClearOverrideCoreAsync(registrationId, auth.Caller.Subject, "Cleared by reset.", cancellationToken);
        }
        logger.LogInformation("Registration {RegistrationId} (course {CourseId}) reset by {Actor}", registrationId, registration.CourseId, auth.Caller.Subject);
        var current = await registrations.GetAsync(registrationId, cancellationToken);
        return current is null ? Problems.NotFound($"Registration '{registrationId}' does not exist.") : Results.Ok(RegistrationResponse.From(current));
    }

    /// <summary>Reads a registration the caller may see: 401/403/404/400 problems otherwise.</summary>
    internal async Task<(RegistrationEntity? Registration, IResult? Denied)> AuthorizeOwnerAsync(
        HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, _, denied) = await AuthorizeCallerAsync(request, registrationId, cancellationToken);
        return (registration, denied);
    }

    /// <summary>As <see cref="AuthorizeOwnerAsync"/>, with the caller (to tell admins from learners).</summary>
    internal async Task<(RegistrationEntity? Registration, Caller? Caller, IResult? Denied)> AuthorizeCallerAsync(
        HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireCallerAsync(request, cancellationToken);
        if (!auth.Allowed) return (null, null, auth.Denied);
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return (null, null, invalid);
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null || registration.State == RegistrationState.Deleted)
        {
            return (null, null, Problems.NotFound($"Registration '{registrationId}' does not exist."));
        }
        if (AccessControl.ForbidUnlessOwner(auth.Caller, registration.LearnerId) is { } forbidden) return (null, null, forbidden);
        return (registration, auth.Caller, null);
    }

    /// <summary>404 unless the course is in our records; 409 unless it has been imported.</summary>
    internal async Task<IResult?> CheckCourseAsync(string courseId, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Status == CourseStatus.Deleted) return Problems.NotFound($"Course '{courseId}' does not exist.");
        if (course.Status != CourseStatus.Ready && course.Version is null)
        {
            return Problems.Conflict($"Course '{courseId}' has no imported version yet (status {course.Status}); import it first.");
        }
        return null;
    }

    internal static IResult ProvisionProblem(ProvisionOutcome outcome) => outcome.Status switch
    {
        ProvisionStatus.Conflict => Problems.Conflict(outcome.Message ?? "The registration id is taken."),
        ProvisionStatus.Refused => Problems.BadGateway(outcome.Message ?? "SCORM Cloud refused the registration."),
        _ => Problems.Unavailable(outcome.Message ?? "SCORM Cloud is unavailable; try again."),
    };

    internal static IResult CloudProblem(ScormCloudException ex, string? registrationId) => ex switch
    {
        { IsNotFound: true } when registrationId is not null =>
            Problems.BadGateway($"SCORM Cloud has no registration '{registrationId}'. An admin can delete it and assign again."),
        { IsTransient: true } => Problems.Unavailable($"SCORM Cloud did not answer ({ex.Status}); try again."),
        _ => Problems.BadGateway($"SCORM Cloud refused the request ({ex.Status}): {ex.ServiceMessage ?? "no message"}"),
    };

    private async Task<RegistrationEntity?> ClearOverrideCoreAsync(string registrationId, string actor, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await registrations.AddOverrideHistoryAsync(new RegistrationOverrideEntity
        {
            PartitionKey = registrationId,
            Action = RegistrationOverrideEntity.ActionClear,
            Reason = reason,
            By = actor,
            At = now,
        }, cancellationToken);
        var updated = await registrations.UpdateWithRetryAsync(registrationId, r =>
        {
            r.OverrideCompletion = null;
            r.OverrideSuccess = null;
            r.OverrideScore = null;
            r.OverrideReason = null;
            r.OverrideBy = null;
            r.OverrideAt = null;
            return true;
        }, cancellationToken);
        logger.LogInformation("Override cleared on {RegistrationId} by {Actor}", registrationId, actor);
        return updated;
    }

    private static PagedResult<RegistrationResponse> ToResponse(PagedResult<RegistrationEntity> page, bool includeOverride = true) =>
        new(page.Items.Where(r => r.State != RegistrationState.Deleted).Select(r => RegistrationResponse.From(r, includeOverride)).ToList(), page.ContinuationToken);

    private static string? TooLong(string? value, string name, int max) =>
        value is not null && value.Length > max ? $"{name} is {value.Length} characters long; the maximum is {max}." : null;
}
