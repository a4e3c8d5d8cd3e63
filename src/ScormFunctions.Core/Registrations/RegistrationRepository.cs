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

    /// <summary>Writes the index rows, then inserts the record; throws <see cref="RecordAlreadyExistsException"/>.</summary>
    public virtual async Task<RegistrationEntity> InsertAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        registration.RowKey = RegistrationEntity.Row;
        registration.CreatedAt = registration.CreatedAt == default ? now : registration.CreatedAt;
        registration.UpdatedAt = now;
        await WriteIndexAsync(registration, cancellationToken);
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        return await table.InsertAsync(registration, cancellationToken);
    }

    /// <summary>Replaces the record if unchanged since read; throws <see cref="ConcurrencyConflictException"/>.</summary>
    public virtual async Task<RegistrationEntity> UpdateAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        registration.UpdatedAt = time.GetUtcNow();
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        return await ReplaceAsync(table, registration, cancellationToken);
    }

    /// <summary>Every replace of a record goes through the outbox (when there is one): a result change carries its event.</summary>
    private Task<RegistrationEntity> ReplaceAsync(TableClient table, RegistrationEntity registration, CancellationToken cancellationToken) =>
        outbox is null ? table.ReplaceAsync(registration, cancellationToken) : outbox.ReplaceAsync(table, registration, cancellationToken);

    /// <summary>Removes the record and its index rows (used when SCORM Cloud refused a pending create).</summary>
    public virtual async Task DeleteAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        await table.DeleteIfMatchAsync(registration, cancellationToken);
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        await index.DeleteEntityAsync(RegistrationIndexEntity.CoursePartition(registration.CourseId), registration.PartitionKey, ETag.All, cancellationToken);
        await index.DeleteEntityAsync(RegistrationIndexEntity.LearnerPartition(registration.LearnerId), registration.PartitionKey, ETag.All, cancellationToken);
    }

    /// <summary>Idempotently (re)writes both index rows for a registration, at once; the repair path uses it too.</summary>
    public virtual async Task WriteIndexAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        await Task.WhenAll(
            index.UpsertEntityAsync(new RegistrationIndexEntity
            {
                PartitionKey = RegistrationIndexEntity.CoursePartition(registration.CourseId),
                RowKey = registration.PartitionKey,
            }, TableUpdateMode.Replace, cancellationToken),
            index.UpsertEntityAsync(new RegistrationIndexEntity
            {
                PartitionKey = RegistrationIndexEntity.LearnerPartition(registration.LearnerId),
                RowKey = registration.PartitionKey,
            }, TableUpdateMode.Replace, cancellationToken));
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
        }, cancellationToken, current, replace: (registration, ct) => ReplaceAsync(table, registration, ct));
    }

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
