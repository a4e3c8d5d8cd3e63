using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.LocalHost.Imports;

/// <summary>
/// The local durable runner: the same <see cref="ImportDecisions"/> and <see cref="ImportActivities"/> as the Durable
/// orchestration, with its state in Table Storage. It claims due runs with an ETag-checked lease (renewed while a step
/// runs), executes one step, and persists the next due time. Stop the host mid-import and start another on the same
/// storage: the lease lapses (or was released on a clean stop) and the import finishes there.
/// </summary>
public sealed class LocalImportRunner(
    TableProvider tables,
    ImportActivities activities,
    LocalImportWakeup wakeup,
    IOptions<ImportOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<LocalImportRunner> logger) : BackgroundService
{
    private readonly string owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, Task> inFlight = new();
    private DateTimeOffset nextSweep;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Local import runner {Owner} started", owner);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ScanAsync(stoppingToken);
                    await SweepFailedUploadsAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Local import runner: scan failed (storage unavailable?); trying again");
                }
                await wakeup.WaitAsync(options.Value.LocalRunner.ScanInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        await Task.WhenAll(inFlight.Values);
        logger.LogInformation("Local import runner {Owner} stopped", owner);
    }

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.LocalRunner;
        if (inFlight.Count >= o.MaxConcurrentSteps) return;
        var table = await tables.GetTableAsync(TableNames.ImportRuns, stoppingToken);
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ImportRunEntity.Partition} and Active eq {true} and DueAt le {now}");
        await foreach (var run in table.QueryAsync<ImportRunEntity>(filter, cancellationToken: stoppingToken))
        {
            if (inFlight.Count >= o.MaxConcurrentSteps) break;
            if (inFlight.ContainsKey(run.RowKey) || (run.LeaseUntil is { } until && until > now)) continue;
            run.LeaseOwner = owner;
            run.LeaseUntil = now + o.LeaseDuration;
            try
            {
                await table.ReplaceAsync(run, stoppingToken);
            }
            catch (ConcurrencyConflictException)
            {
                continue; // another runner claimed it, or a postback touched it; next scan decides again
            }
            var claimedAt = now;
            // Registered before it may run: a step that ends at once must still find (and remove) its own entry.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            inFlight[run.RowKey] = Task.Run(async () =>
            {
                await registered.Task;
                try
                {
                    await StepAsync(table, run, claimedAt, stoppingToken);
                }
                finally
                {
                    inFlight.TryRemove(run.RowKey, out _);
                    wakeup.Wake();
                }
            }, CancellationToken.None);
            registered.SetResult();
        }
    }

    private async Task StepAsync(TableClient table, ImportRunEntity run, DateTimeOffset claimedAt, CancellationToken stoppingToken)
    {
        var owned = new OwnedRun(table, run, owner, logger);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewLeaseAsync(owned, renewal.Token);
        try
        {
            var state = JsonSerializer.Deserialize<ImportRunState>(run.StateJson, LocalImportTracker.Json)!;
            if (run.PendingOutcomeJson is { } pendingJson)
            {
                await RecordAsync(owned, state, JsonSerializer.Deserialize<ImportOutcome>(pendingJson, LocalImportTracker.Json)!, stoppingToken);
                return;
            }

            ImportObservation observation;
            var input = ImportActivityInput.From(state);
            try
            {
                observation = state.JobId is null
                    ? await activities.StartJobAsync(input, stoppingToken)
                    : await activities.PollAsync(input, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Import {ImportId} of course {CourseId} (job {JobId}): step failed, will retry: {Error}",
                    state.ImportId, state.CourseId, state.JobId, ex.Message);
                observation = ImportObservation.Unreachable(ex.Message);
            }

            var now = time.GetUtcNow();
            var decision = ImportDecisions.Decide(state, observation, now);
            if (decision.IsFinal)
            {
                await RecordAsync(owned, decision.Next, decision.Outcome!, stoppingToken);
                return;
            }
            await renewal.CancelAsync();
            await owned.UpdateAsync(r =>
            {
                r.StateJson = JsonSerializer.Serialize(decision.Next, LocalImportTracker.Json);
                r.DueAt = r.SignaledAt > claimedAt ? now : decision.NextStepAt!.Value;
                r.Steps++;
                Release(r);
            }, CancellationToken.None);
            logger.LogDebug("Import {ImportId}: next step at {DueAt:O}", state.ImportId, decision.NextStepAt);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: give the run back so another host can take it at once.
            await renewal.CancelAsync();
            await TryReleaseAsync(owned);
        }
        catch (Exception ex)
        {
            // Storage trouble while persisting: the lease lapses and the step runs again (every step is idempotent).
            logger.LogWarning(ex, "Import run {RunId}: could not persist the step; it will run again after the lease lapses", run.RowKey);
        }
        finally
        {
            await renewal.CancelAsync();
            try
            {
                await renewing;
            }
            catch (OperationCanceledException)
            {
                // renewal stopped
            }
        }
    }

    private async Task RecordAsync(OwnedRun owned, ImportRunState state, ImportOutcome outcome, CancellationToken stoppingToken)
    {
        try
        {
            await activities.RecordAsync(outcome, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Import {ImportId} of course {CourseId}: recording {Status} failed, will retry: {Error}",
                outcome.ImportId, outcome.CourseId, outcome.Status, ex.Message);
            await owned.UpdateAsync(r =>
            {
                r.PendingOutcomeJson = JsonSerializer.Serialize(outcome, LocalImportTracker.Json);
                r.DueAt = time.GetUtcNow() + state.Settings.MaxPollDelay;
                Release(r);
            }, CancellationToken.None);
            return;
        }
        await owned.UpdateAsync(r =>
        {
            r.Active = false;
            r.Result = outcome.Status;
            r.PendingOutcomeJson = null;
            r.StateJson = JsonSerializer.Serialize(state, LocalImportTracker.Json);
            Release(r);
        }, CancellationToken.None);
    }

    private async Task RenewLeaseAsync(OwnedRun owned, CancellationToken cancellationToken)
    {
        var lease = options.Value.LocalRunner.LeaseDuration;
        while (true)
        {
            await Task.Delay(lease / 3, time, cancellationToken);
            try
            {
                await owned.UpdateAsync(r => r.LeaseUntil = time.GetUtcNow() + lease, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Import run {RunId}: lease renewal failed: {Error}", owned.Id, ex.Message);
            }
        }
    }

    private async Task TryReleaseAsync(OwnedRun owned)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await owned.UpdateAsync(Release, timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogInformation("Import run {RunId}: lease not released on stop ({Error}); it lapses by itself", owned.Id, ex.Message);
        }
    }

    private static void Release(ImportRunEntity run)
    {
        run.LeaseOwner = null;
        run.LeaseUntil = null;
    }

    /// <summary>Deletes uploads older than Imports:FailedUploadRetentionDays (in Azure the lifecycle rule does this).</summary>
    private async Task SweepFailedUploadsAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (now < nextSweep) return;
        nextSweep = now + options.Value.LocalRunner.SweepInterval;
        var container = await tables.GetContainerAsync(storage.Value.UploadsContainer, stoppingToken);
        var cutoff = now.AddDays(-options.Value.FailedUploadRetentionDays);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: stoppingToken))
        {
            if (blob.Properties.LastModified is { } modified && modified < cutoff)
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: stoppingToken);
                logger.LogInformation("Deleted upload {Blob} (older than {Days} days)", blob.Name, options.Value.FailedUploadRetentionDays);
            }
        }
    }

    /// <summary>A run we hold the lease on; updates re-read and re-apply on ETag conflicts (postback signals) while we still own it.</summary>
    private sealed class OwnedRun(TableClient table, ImportRunEntity run, string owner, ILogger logger)
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private ImportRunEntity current = run;

        public string Id => current.RowKey;

        public async Task UpdateAsync(Action<ImportRunEntity> apply, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    apply(current);
                    try
                    {
                        current = await table.ReplaceAsync(current, cancellationToken);
                        return;
                    }
                    catch (ConcurrencyConflictException) when (attempt < 10)
                    {
                        var fresh = await table.GetOrDefaultAsync<ImportRunEntity>(current.PartitionKey, current.RowKey, cancellationToken);
                        if (fresh is null || fresh.LeaseOwner != owner)
                        {
                            logger.LogWarning("Import run {RunId}: lease lost to {Owner}; dropping this step's write", current.RowKey, fresh?.LeaseOwner);
                            return;
                        }
                        current = fresh;
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
