using System.Text.Json;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.LocalHost.Imports;

/// <summary>The local host's <see cref="IImportTracker"/>: a run row in Table Storage, picked up by <see cref="LocalImportRunner"/>.</summary>
public sealed class LocalImportTracker(
    TableProvider tables,
    LocalImportWakeup wakeup,
    IOptions<ImportOptions> options,
    TimeProvider time,
    ILogger<LocalImportTracker> logger) : IImportTracker
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StartAsync(ImportTrackingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = await tables.GetTableAsync(TableNames.ImportRuns, cancellationToken);
        var id = ImportTracking.InstanceId(request.CourseId, request.ImportId);
        var now = time.GetUtcNow();
        var state = ImportTracking.InitialState(request, options.Value.ToTrackingSettings());
        try
        {
            await table.InsertAsync(new ImportRunEntity
            {
                RowKey = id,
                CourseId = request.CourseId,
                ImportId = request.ImportId,
                DueAt = now,
                StateJson = JsonSerializer.Serialize(state, Json),
                CreatedAt = now,
            }, cancellationToken);
            logger.LogInformation("Import {ImportId} of course {CourseId}: run {RunId} created", request.ImportId, request.CourseId, id);
            wakeup.Wake();
        }
        catch (RecordAlreadyExistsException)
        {
            logger.LogInformation("Import {ImportId} of course {CourseId}: run {RunId} exists already; not starting another", request.ImportId, request.CourseId, id);
        }
    }

    public async Task SignalAsync(string courseId, string importId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.ImportRuns, cancellationToken);
        var id = ImportTracking.InstanceId(courseId, importId);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var run = await table.GetOrDefaultAsync<ImportRunEntity>(ImportRunEntity.Partition, id, cancellationToken);
            if (run is null || !run.Active) return;
            var now = time.GetUtcNow();
            run.SignaledAt = now;
            if (run.DueAt > now) run.DueAt = now;
            try
            {
                await table.ReplaceAsync(run, cancellationToken);
                wakeup.Wake();
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // The runner wrote (lease, step); signal on its version.
            }
        }
    }
}

/// <summary>Wakes the runner at once when a run is created or signalled (it also scans on an interval).</summary>
public sealed class LocalImportWakeup
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        try
        {
            if (signal.CurrentCount == 0) signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
