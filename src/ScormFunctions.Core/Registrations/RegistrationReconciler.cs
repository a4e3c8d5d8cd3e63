using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Storage;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// The reconciliation sweep: lists the registrations SCORM Cloud reports as changed since a durable watermark
/// (minus <see cref="RegistrationOptions.ReconcileOverlap"/>), filtering and sorting on the update time
/// (<c>datetimeFilter=updated</c>, <c>orderBy=updated_asc</c>), follows pages with <c>more</c> alone, and applies
/// each registration through <see cref="RegistrationResultsStore.ApplyAsync"/>, the order-safe path postbacks use
/// (an older <c>updated</c> never overwrites a newer one; a repeat is a duplicate). At most
/// <see cref="RegistrationOptions.ReconcileMaxCalls"/> SCORM Cloud calls per run; a 429 backs off and counts as a call.
/// The watermark only moves forward, to the newest <c>updated</c> applied; a run cut short stores SCORM Cloud's
/// <c>more</c> token and the next run continues with it (from the watermark, without overlap, if the token is refused).
/// </summary>
public class RegistrationReconciler(
    ScormCloudClient cloud,
    RegistrationResultsStore results,
    TableProvider tables,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<RegistrationReconciler> logger)
{
    /// <summary>Runs when <see cref="RegistrationOptions.ReconcileInterval"/> has passed since the last run; otherwise returns null.</summary>
    public virtual async Task<ReconcileResult?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var state = await ReadAsync(cancellationToken);
        if (state?.LastRunAt is { } last && time.GetUtcNow() - last < options.Value.ReconcileInterval - TimeSpan.FromSeconds(1))
        {
            return null;
        }
        return await RunAsync(cancellationToken);
    }

    /// <summary>One run, due or not.</summary>
    public virtual async Task<ReconcileResult> RunAsync(CancellationToken cancellationToken)
    {
        using var span = ScormTelemetry.Source.StartActivity("registrations.reconcile");
        var result = await RunCoreAsync(cancellationToken);
        span?.SetTag("scorm.reconcile.calls", result.Calls);
        span?.SetTag("scorm.reconcile.throttled", result.Throttled);
        span?.SetTag("scorm.reconcile.examined", result.Examined);
        span?.SetTag("scorm.reconcile.applied", result.Applied);
        span?.SetTag("scorm.reconcile.complete", result.Complete);
        ScormTelemetry.ReconcileRuns.Add(1, new KeyValuePair<string, object?>("complete", result.Complete));
        Count(ResultsApplyOutcome.Applied, result.Applied);
        Count(ResultsApplyOutcome.Duplicate, result.Duplicate);
        Count(ResultsApplyOutcome.Stale, result.Stale);
        Count(ResultsApplyOutcome.Unknown, result.Unknown);
        return result;

        static void Count(ResultsApplyOutcome outcome, int count)
        {
            if (count > 0) ScormTelemetry.ReconcileRegistrations.Add(count, new KeyValuePair<string, object?>(ScormTags.Outcome, outcome.ToString().ToLowerInvariant()));
        }
    }

    private async Task<ReconcileResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var state = await ReadAsync(cancellationToken);
        var start = state?.Watermark is { } mark ? mark - o.ReconcileOverlap : time.GetUtcNow() - o.ReconcileInitialLookback;
        var query = Query(start, o);
        if (state?.ResumeToken is { Length: > 0 } resume) query = new RegistrationQuery { More = resume };

        var counts = new Dictionary<ResultsApplyOutcome, int>();
        DateTimeOffset? newest = state?.Watermark;
        int calls = 0, throttled = 0, examined = 0;
        var complete = false;
        var backoff = o.ReconcileBackoff;
        while (calls < o.ReconcileMaxCalls)
        {
            calls++;
            RegistrationPage page;
            try
            {
                page = await cloud.GetRegistrationsAsync(query, cancellationToken);
            }
            catch (ScormCloudException ex) when (ex.Status == 429)
            {
                throttled++;
                logger.LogWarning("Reconcile: SCORM Cloud answered 429; waiting {Backoff} (call {Calls} of {Max})", backoff, calls, o.ReconcileMaxCalls);
                if (calls >= o.ReconcileMaxCalls) break;
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
                continue;
            }
            catch (ScormCloudException ex) when (ex.Status is 400 or 404 && query.More is not null && query.More == state?.ResumeToken)
            {
                // The stored token expired or was refused: start again from the watermark itself.
                logger.LogWarning("Reconcile: the stored continuation token was refused ({Status}); restarting from the watermark", ex.Status);
                start = state?.Watermark ?? start;
                query = Query(start, o);
                continue;
            }
            backoff = o.ReconcileBackoff;
            foreach (var reported in page.Registrations)
            {
                examined++;
                if (string.IsNullOrEmpty(reported.Id)) continue;
                var outcome = await results.ApplyAsync(reported.Id, reported, "reconcile", cancellationToken);
                counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                if (reported.Updated is { } updated && (newest is null || updated > newest)) newest = updated;
            }
            if (string.IsNullOrEmpty(page.More) || page.More == query.More)
            {
                complete = true;
                break;
            }
            query = new RegistrationQuery { More = page.More };
        }

        await SaveAsync(state, newest, complete ? null : query.More, cancellationToken);
        var result = new ReconcileResult(start, newest, calls, throttled, examined,
            counts.GetValueOrDefault(ResultsApplyOutcome.Applied),
            counts.GetValueOrDefault(ResultsApplyOutcome.Duplicate),
            counts.GetValueOrDefault(ResultsApplyOutcome.Stale),
            counts.GetValueOrDefault(ResultsApplyOutcome.Unknown),
            complete);
        logger.LogInformation(
            "Reconcile since {Since:O}: {Calls} SCORM Cloud calls ({Throttled} throttled), {Examined} registrations, {Applied} applied, "
            + "{Duplicate} duplicate, {Stale} stale, {Unknown} not ours; watermark {Watermark:O}; {State}",
            result.Since, result.Calls, result.Throttled, result.Examined, result.Applied, result.Duplicate, result.Stale, result.Unknown,
            result.Watermark, complete ? "complete" : "stopped at the call limit, resumes next run");
        return result;
    }

    /// <summary>
    /// Registrations changed since <paramref name="since"/>, oldest change first, with the results our postback format
    /// carries. Without DateTimeFilter SCORM Cloud applies since to the creation time (datetimeFilter defaults to created).
    /// </summary>
    internal static RegistrationQuery Query(DateTimeOffset? since, RegistrationOptions o, string? courseId = null)
    {
        var full = o.ResultsFormat == PostBackResultsFormat.Full;
        return new RegistrationQuery
        {
            CourseId = courseId,
            Since = since,
            DateTimeFilter = RegistrationDateTimeFilter.Updated,
            OrderBy = RegistrationOrderBy.UpdatedAsc,
            IncludeChildResults = true,
            IncludeRuntime = full,
            IncludeInteractionsAndObjectives = full,
        };
    }

    private async Task<ReconcileWatermarkEntity?> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(ReconcileWatermarkEntity.TableName, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ReconcileWatermarkEntity>(
            ReconcileWatermarkEntity.Partition, ReconcileWatermarkEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private async Task SaveAsync(ReconcileWatermarkEntity? state, DateTimeOffset? newest, string? resumeToken, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(ReconcileWatermarkEntity.TableName, cancellationToken);
        try
        {
            // Another run may write first: then its version is read again and the newer watermark kept.
            await table.UpdateWithRetryAsync<ReconcileWatermarkEntity>(ReconcileWatermarkEntity.Partition, ReconcileWatermarkEntity.Row, entity =>
            {
                if (newest is { } n && (entity.Watermark is null || n > entity.Watermark)) entity.Watermark = n;
                entity.LastRunAt = time.GetUtcNow();
                entity.ResumeToken = resumeToken;
                return true;
            }, cancellationToken, current: state, createIfMissing: () => new ReconcileWatermarkEntity(), maxAttempts: 5);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or RecordAlreadyExistsException)
        {
            logger.LogWarning("Reconcile: the watermark could not be saved after concurrent writes; the next run repeats some work");
        }
    }
}

/// <summary>One reconciliation run: where it started, the watermark it left, SCORM Cloud calls, and what happened to each registration.</summary>
public sealed record ReconcileResult(
    DateTimeOffset Since, DateTimeOffset? Watermark, int Calls, int Throttled, int Examined,
    int Applied, int Duplicate, int Stale, int Unknown, bool Complete);
