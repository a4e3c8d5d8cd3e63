using Azure;
using Azure.Data.Tables;
using ScormFunctions.Core.Events;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Registration records plus their course/learner index rows. Updates go through the <see cref="ResultEventOutbox"/>
/// (when there is one), which adds a result-change event to the same transaction when the effective result changed.
/// </summary>
public class RegistrationRepository(TableProvider tables, TimeProvider time, ResultEventOutbox? outbox = null)
{
    public virtual async Task<RegistrationEntity?> GetAsync(string registrationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var registration = await table.GetOrDefaultAsync<RegistrationEntity>(registrationId, RegistrationEntity.Row, cancellationToken);
        if (registration is not null) registration.ResultAsRead = ResultSnapshot.Of(registration);
        return registration;
    }

    /// <summary>
    /// Writes the index rows (bare: an earlier record's copy must not show; a pending record is read through until its
    /// next write copies it), then inserts the record; throws <see cref="RecordAlreadyExistsException"/>.
    /// </summary>
    public virtual async Task<RegistrationEntity> InsertAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        registration.RowKey = RegistrationEntity.Row;
        registration.CreatedAt = registration.CreatedAt == default ? now : registration.CreatedAt;
        registration.UpdatedAt = now;
        registration.Revision = 1;
        var courseRow = await WriteIndexRowsAsync(registration, TableUpdateMode.Replace, cancellationToken);
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        await table.InsertAsync(registration, cancellationToken);
        registration.CourseCopyETag = courseRow;
        return registration;
    }

    /// <summary>Replaces the record if unchanged since read; throws <see cref="ConcurrencyConflictException"/>.</summary>
    public virtual async Task<RegistrationEntity> UpdateAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        registration.UpdatedAt = time.GetUtcNow();
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        return await ReplaceAsync(table, registration, [], cancellationToken);
    }

    /// <summary>
    /// Every replace of a record: one revision more, through the outbox (when there is one: a result change carries its
    /// event) with <paramref name="companions"/> in the same transaction, then the copy on its course index row.
    /// </summary>
    private async Task<RegistrationEntity> ReplaceAsync(
        TableClient table, RegistrationEntity registration, IReadOnlyCollection<TableTransactionAction> companions, CancellationToken cancellationToken)
    {
        registration.Revision++;
        try
        {
            if (outbox is null) await table.ReplaceWithAsync(registration, companions, cancellationToken);
            else await outbox.ReplaceAsync(table, registration, cancellationToken, companions);
        }
        catch
        {
            registration.Revision--;
            throw;
        }
        await CopyToCourseIndexAsync(registration, cancellationToken);
        return registration;
    }

    /// <summary>Removes the record and its index rows (used when SCORM Cloud refused a pending create).</summary>
    public virtual async Task DeleteAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        await table.DeleteIfMatchAsync(registration, cancellationToken);
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        await index.DeleteEntityAsync(RegistrationIndexEntity.CoursePartition(registration.CourseId), registration.PartitionKey, ETag.All, cancellationToken);
        await index.DeleteEntityAsync(RegistrationIndexEntity.LearnerPartition(registration.LearnerId), registration.PartitionKey, ETag.All, cancellationToken);
    }

    /// <summary>
    /// Idempotently (re)writes both index rows for a registration (the repair path): a course index row that exists keeps
    /// its copy of the record; a new one starts bare (read through the record) until the record's next write.
    /// </summary>
    public virtual Task WriteIndexAsync(RegistrationEntity registration, CancellationToken cancellationToken) =>
        WriteIndexRowsAsync(registration, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Upserts both index rows; returns the course row's new ETag.</summary>
    private async Task<ETag> WriteIndexRowsAsync(RegistrationEntity registration, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        var course = index.UpsertEntityAsync(new RegistrationIndexEntity
        {
            PartitionKey = RegistrationIndexEntity.CoursePartition(registration.CourseId),
            RowKey = registration.PartitionKey,
        }, mode, cancellationToken);
        var learner = index.UpsertEntityAsync(new RegistrationIndexEntity
        {
            PartitionKey = RegistrationIndexEntity.LearnerPartition(registration.LearnerId),
            RowKey = registration.PartitionKey,
        }, mode, cancellationToken);
        await Task.WhenAll(course, learner);
        return (await course).Headers.ETag ?? default;
    }

    /// <summary>
    /// Brings the copy on the record's course index row up to <paramref name="stored"/>, a version just written or read
    /// (never an unsaved one). Runs after the record's write (a Table transaction cannot span the two partitions), so a
    /// crash in between leaves the copy one write behind until the record's next write or a repeated report repairs it
    /// (<see cref="RegistrationResultsStore"/> calls this for duplicates too). Only an existing index row is replaced —
    /// one deleted meanwhile (a learner's erasure) is never re-created — and only by a newer version, under its ETag.
    /// </summary>
    public virtual async Task CopyToCourseIndexAsync(RegistrationEntity stored, CancellationToken cancellationToken)
    {
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        var partition = RegistrationIndexEntity.CoursePartition(stored.CourseId);
        // The row as this instance left it (bare after its insert, or its own older copy) needs no read: stored is newer.
        var etag = stored.CourseCopyETag;
        stored.CourseCopyETag = null;
        for (var attempt = 1; attempt <= TableClientExtensions.DefaultUpdateAttempts; attempt++)
        {
            if (etag is null)
            {
                var held = await index.GetOrDefaultAsync<RegistrationEntity>(partition, stored.PartitionKey, cancellationToken);
                if (held is null || (RegistrationIndexEntity.HoldsCopy(held) && !stored.IsNewerThan(held))) return;
                etag = held.ETag;
            }
            try
            {
                var written = await index.UpdateEntityAsync(RegistrationIndexEntity.CourseCopyOf(stored, etag.Value), etag.Value, TableUpdateMode.Replace, cancellationToken);
                stored.CourseCopyETag = written.Headers.ETag;
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another writer's copy landed first (or the row went): look again.
                etag = null;
            }
        }
    }

    /// <summary>
    /// Reads, applies <paramref name="change"/> and writes, re-reading on ETag conflicts. The change returns false
    /// to leave the record untouched. Returns the record as last read or written (null when missing). A caller that
    /// already holds a version passes it as <paramref name="current"/> to start from it.
    /// </summary>
    public virtual Task<RegistrationEntity?> UpdateWithRetryAsync(
        string registrationId, Func<RegistrationEntity, bool> change, CancellationToken cancellationToken, RegistrationEntity? current = null) =>
        UpdateWithRetryAsync(registrationId, (r, _) => ValueTask.FromResult(change(r)), cancellationToken, current);

    /// <summary><see cref="UpdateWithRetryAsync(string, Func{RegistrationEntity, bool}, CancellationToken, RegistrationEntity)"/> with an asynchronous change.</summary>
    public virtual async Task<RegistrationEntity?> UpdateWithRetryAsync(
        string registrationId, Func<RegistrationEntity, CancellationToken, ValueTask<bool>> change, CancellationToken cancellationToken,
        RegistrationEntity? current = null)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        return await table.UpdateWithRetryAsync<RegistrationEntity>(registrationId, RegistrationEntity.Row, async (registration, ct) =>
        {
            registration.ResultAsRead ??= ResultSnapshot.Of(registration); // what the outbox compares the write with
            if (!await change(registration, ct)) return false;
            registration.UpdatedAt = time.GetUtcNow();
            return true;
        }, cancellationToken, current, replace: (registration, ct) => ReplaceAsync(table, registration, [], ct));
    }

    /// <summary>
    /// <see cref="UpdateWithRetryAsync(string, Func{RegistrationEntity, CancellationToken, ValueTask{bool}}, CancellationToken, RegistrationEntity)"/>
    /// for the record and one more row of its partition (<paramref name="rowKey"/>, e.g. an instance history row), read in
    /// one query and written in one transaction. <paramref name="change"/> sees the record and the row (null when missing)
    /// and returns the row to write (inserted when it was missing, else replaced under its ETag) or null, and whether the
    /// record changed. Returns the record as last read or written (null when missing: nothing is written then).
    /// </summary>
    public virtual async Task<RegistrationEntity?> UpdateWithRowAsync<TRow>(
        string registrationId, string rowKey,
        Func<RegistrationEntity, RegistrationEntity?, CancellationToken, ValueTask<(bool RecordChanged, TRow? Row)>> change,
        CancellationToken cancellationToken)
        where TRow : class, ITableEntity
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        // Both rows in one round trip: the row's stored columns are read through the record's type (callers need its ETag
        // and the columns the two share, e.g. IReportedResult).
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {registrationId} and (RowKey eq {RegistrationEntity.Row} or RowKey eq {rowKey})");
        for (var attempt = 1; ; attempt++)
        {
            RegistrationEntity? registration = null, row = null;
            await foreach (var entity in table.QueryAsync<RegistrationEntity>(filter, cancellationToken: cancellationToken))
            {
                if (entity.RowKey == RegistrationEntity.Row) registration = entity;
                else row = entity;
            }
            if (registration is null) return null;
            registration.ResultAsRead = ResultSnapshot.Of(registration);
            var (recordChanged, write) = await change(registration, row, cancellationToken);
            if (!recordChanged && write is null) return registration;
            try
            {
                if (write is not null) write.ETag = row?.ETag ?? default;
                if (!recordChanged)
                {
                    await WriteRowAsync(table, write!, isNew: row is null, cancellationToken);
                    return registration;
                }
                registration.UpdatedAt = time.GetUtcNow();
                if (write is null) return await ReplaceAsync(table, registration, [], cancellationToken);
                // One transaction (with the record's event, when it has one): a writer wins both rows or neither, so
                // concurrent reports contend as they would on the record alone.
                var rowAction = row is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, write)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, write, write.ETag);
                return await ReplaceAsync(table, registration, [rowAction], cancellationToken);
            }
            catch (Exception ex) when (attempt < TableClientExtensions.DefaultUpdateAttempts
                && ex is ConcurrencyConflictException or RecordAlreadyExistsException)
            {
                // Someone else wrote first: decide again on their versions.
            }
        }
    }

    private static Task WriteRowAsync<TRow>(TableClient table, TRow row, bool isNew, CancellationToken cancellationToken)
        where TRow : class, ITableEntity =>
        isNew ? table.InsertAsync(row, cancellationToken) : table.ReplaceAsync(row, cancellationToken);

    /// <summary>Pending records last touched before <paramref name="olderThan"/> (a cross-partition scan; pending records are rare).</summary>
    public virtual async IAsyncEnumerable<RegistrationEntity> ListPendingAsync(
        DateTimeOffset olderThan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"RowKey eq {RegistrationEntity.Row} and State eq {RegistrationState.Pending} and UpdatedAt lt {olderThan}");
        await foreach (var entity in table.QueryAsync<RegistrationEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    /// <summary>Adds an override history row (newest first in its partition).</summary>
    public virtual async Task AddOverrideHistoryAsync(RegistrationOverrideEntity entry, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.RegistrationOverrides, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            entry.RowKey = RegistrationOverrideEntity.RowKeyFor(entry.At.AddTicks(-attempt));
            try
            {
                await table.InsertAsync(entry, cancellationToken);
                return;
            }
            catch (RecordAlreadyExistsException) when (attempt < 100)
            {
                // Two entries in the same tick: take the next free key.
            }
        }
    }

    /// <summary>A page of override history, newest first.</summary>
    public virtual async Task<PagedResult<RegistrationOverrideEntity>> ListOverrideHistoryAsync(
        string registrationId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.RegistrationOverrides, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {registrationId}");
        var page = await table.QueryPageAsync<RegistrationOverrideEntity>(filter, pageSize, continuationToken, cancellationToken);
        return new PagedResult<RegistrationOverrideEntity>(page.Values, page.ContinuationToken);
    }

    public virtual Task<PagedResult<RegistrationEntity>> ListByCourseAsync(
        string courseId, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        ListByIndexAsync(RegistrationIndexEntity.CoursePartition(courseId), r => r.CourseId == courseId, pageSize, continuationToken, cancellationToken);

    public virtual Task<PagedResult<RegistrationEntity>> ListByLearnerAsync(
        string learnerId, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        ListByIndexAsync(RegistrationIndexEntity.LearnerPartition(learnerId), r => r.LearnerId == learnerId, pageSize, continuationToken, cancellationToken);

    /// <summary>
    /// One page of a course's registrations for its report, read from the copies on its index rows (one partition query,
    /// no read per registration); rows without a copy yet (written before copies existed, or whose record has not been
    /// written since) are resolved by point reads as <see cref="ListByCourseAsync"/> does. Deleted ones are included.
    /// </summary>
    public virtual async Task<PagedResult<RegistrationEntity>> ListCourseReportAsync(
        string courseId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RegistrationIndexEntity.CoursePartition(courseId)}");
        var page = await index.QueryPageAsync<RegistrationEntity>(filter, pageSize, continuationToken, cancellationToken);
        var bare = page.Values.Where(row => !RegistrationIndexEntity.HoldsCopy(row)).ToList();
        var read = bare.Count == 0 ? [] : await Task.WhenAll(bare.Select(row => GetAsync(row.RowKey, cancellationToken)));
        var records = read.Where(r => r is not null).ToDictionary(r => r!.PartitionKey, r => r!, StringComparer.Ordinal);
        var items = new List<RegistrationEntity>(page.Values.Count);
        foreach (var row in page.Values)
        {
            var registration = RegistrationIndexEntity.HoldsCopy(row)
                ? RegistrationIndexEntity.AsRecord(row)
                : records.GetValueOrDefault(row.RowKey);
            if (registration?.CourseId == courseId) items.Add(registration); // in index order; skipping a dangling row
        }
        return new PagedResult<RegistrationEntity>(items, page.ContinuationToken);
    }

    /// <summary>
    /// One page of index rows, resolved by parallel point reads. Rows whose record is missing or no longer
    /// matches (a crash between the two writes) are skipped, so a page may hold fewer items than asked.
    /// </summary>
    private async Task<PagedResult<RegistrationEntity>> ListByIndexAsync(
        string partition, Func<RegistrationEntity, bool> stillMatches, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var page = await index.QueryPageAsync<RegistrationIndexEntity>(filter, pageSize, continuationToken, cancellationToken);
        var records = await Task.WhenAll(page.Values.Select(row => GetAsync(row.RowKey, cancellationToken)));
        var items = records.Where(r => r is not null && stillMatches(r)).Select(r => r!).ToList();
        return new PagedResult<RegistrationEntity>(items, page.ContinuationToken);
    }
}
