using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Registrations.Overrides;

/// <summary>
/// Admin overrides of completion, success and score, with a reason: set, clear, and their history (every change is a
/// history row; the registration record holds the current one).
/// </summary>
public sealed class OverrideHandlers(RegistrationRepository registrations, TimeProvider time, ILogger<OverrideHandlers> logger)
{
    /// <summary>PUT /api/registrations/{registrationId}/override — admin; replaces the override, with history.</summary>
    public async Task<Results<Ok<RegistrationResponse>, ProblemHttpResult>> SetAsync(
        Caller caller, HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var (body, problem) = await JsonBody.ReadAsync<OverrideBody>(request, cancellationToken);
        if (problem is not null) return problem;
        if (body!.Validate() is { Count: > 0 } errors) return Problems.Validation(errors);
        var completion = body.Completion?.ToLowerInvariant();
        var success = body.Success?.ToLowerInvariant();
        var reason = body.Reason!.Trim();

        if (await registrations.GetAsync(registrationId, cancellationToken) is null or { State: RegistrationState.Deleted })
        {
            return RegistrationProblems.NotFound(registrationId);
        }
        var now = time.GetUtcNow();
        await registrations.AddOverrideHistoryAsync(new RegistrationOverrideEntity
        {
            PartitionKey = registrationId,
            Action = RegistrationOverrideEntity.ActionSet,
            Completion = completion,
            Success = success,
            Score = body.Score,
            Reason = reason,
            By = caller.Subject,
            At = now,
        }, cancellationToken);
        var updated = await registrations.UpdateWithRetryAsync(registrationId, r =>
        {
            if (r.State == RegistrationState.Deleted) return false;
            r.OverrideCompletion = completion;
            r.OverrideSuccess = success;
            r.OverrideScore = body.Score;
            r.OverrideReason = reason;
            r.OverrideBy = caller.Subject;
            r.OverrideAt = now;
            return true;
        }, cancellationToken);
        if (updated is null or { State: RegistrationState.Deleted }) return RegistrationProblems.NotFound(registrationId);
        logger.LogInformation("Override set on {RegistrationId} (course {CourseId}) by {Actor}", registrationId, updated.CourseId, caller.Subject);
        return TypedResults.Ok(RegistrationResponse.From(updated));
    }

    /// <summary>DELETE /api/registrations/{registrationId}/override — admin; optional reason (body or <c>?reason=</c>).</summary>
    public async Task<Results<Ok<RegistrationResponse>, ProblemHttpResult>> ClearAsync(
        Caller caller, HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var reason = request.Query["reason"].ToString();
        if (reason.Length == 0 && (request.ContentLength ?? 0) > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<ClearOverrideBody>(request, cancellationToken);
            if (problem is not null) return problem;
            reason = body!.Reason ?? "";
        }
        if (RegistrationProblems.TooLong(reason, "reason", OverrideBody.MaxReasonLength) is { } longReason) return Problems.BadRequest(longReason);
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null or { State: RegistrationState.Deleted }) return RegistrationProblems.NotFound(registrationId);
        if (!RegistrationResponse.HasOverride(registration)) return TypedResults.Ok(RegistrationResponse.From(registration));
        var updated = await ClearAsync(registrationId, caller.Subject, reason.Length == 0 ? null : reason.Trim(), cancellationToken);
        return updated is null ? RegistrationProblems.NotFound(registrationId) : TypedResults.Ok(RegistrationResponse.From(updated));
    }

    /// <summary>GET /api/registrations/{registrationId}/overrides — admin; the override history, newest first, paged.</summary>
    public async Task<Results<Ok<PagedResult<OverrideHistoryResponse>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        if (Problems.InvalidId(registrationId, "registrationId") is { } invalid) return invalid;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;
        var registration = await registrations.GetAsync(registrationId, cancellationToken);
        if (registration is null or { State: RegistrationState.Deleted }) return RegistrationProblems.NotFound(registrationId);
        var page = await registrations.ListOverrideHistoryAsync(registrationId, pageSize, token, cancellationToken);
        // History of an earlier registration with the same id (deleted, then created again) is not shown.
        var items = page.Items.Where(e => e.At >= registration.CreatedAt).Select(OverrideHistoryResponse.From).ToList();
        return TypedResults.Ok(new PagedResult<OverrideHistoryResponse>(items, page.ContinuationToken));
    }

    /// <summary>Clears the override (a history row, then the record); also done by a reset.</summary>
    public async Task<RegistrationEntity?> ClearAsync(string registrationId, string actor, string? reason, CancellationToken cancellationToken)
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
}
