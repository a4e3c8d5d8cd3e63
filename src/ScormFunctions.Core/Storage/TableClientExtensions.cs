using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Storage;

/// <summary>ETag-checked reads and writes, mapping storage status codes to our two exception types.</summary>
public static class TableClientExtensions
{
    /// <summary>How often <c>UpdateWithRetryAsync</c> reads and decides again before giving up on a contended row.</summary>
    public const int DefaultUpdateAttempts = 10;

    public static async Task<T?> GetOrDefaultAsync<T>(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts; throws <see cref="RecordAlreadyExistsException"/> when the key is taken. Sets the new ETag.</summary>
    public static async Task<T> InsertAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
            return entity;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new RecordAlreadyExistsException($"{table.Name} already has ({entity.PartitionKey}, {entity.RowKey}).", ex);
        }
    }

    /// <summary>
    /// Replaces the entity only if it still has the ETag it was read with; throws
    /// <see cref="ConcurrencyConflictException"/> otherwise. Sets the new ETag.
    /// </summary>
    public static async Task<T> ReplaceAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
            return entity;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException(
                $"{table.Name} ({entity.PartitionKey}, {entity.RowKey}) changed or vanished since it was read.", ex);
        }
    }

    /// <summary>
    /// Replaces the entity if it still has the ETag it was read with, together with <paramref name="companions"/> (rows of the
    /// same partition) in one Table transaction: all or nothing. Throws <see cref="ConcurrencyConflictException"/> when any
    /// of them changed, vanished or (an insert) appeared since it was read. Sets the entity's new ETag.
    /// </summary>
    public static async Task<T> ReplaceWithAsync<T>(
        this TableClient table, T entity, IReadOnlyCollection<TableTransactionAction> companions, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(companions);
        if (companions.Count == 0) return await table.ReplaceAsync(entity, cancellationToken);
        try
        {
            var response = await table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag), .. companions], cancellationToken);
            entity.ETag = response.Value[0].Headers.ETag ?? default;
            return entity;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            throw new ConcurrencyConflictException(
                $"{table.Name} ({entity.PartitionKey}, {entity.RowKey}) or a row written with it changed or vanished since it was read.", ex);
        }
    }

    /// <summary>
    /// The optimistic update every record of ours goes through: read the row, let <paramref name="change"/> decide and
    /// modify it, replace it under the ETag read; when someone else wrote first (or the row vanished), read again and
    /// decide again on their version. Returns the entity as last written or read, or null when the row is missing.
    /// After <paramref name="maxAttempts"/> conflicts the last <see cref="ConcurrencyConflictException"/> (or, when
    /// creating, <see cref="RecordAlreadyExistsException"/>) is thrown.
    /// </summary>
    /// <param name="table">The table holding the row.</param>
    /// <param name="partitionKey">The row's partition key.</param>
    /// <param name="rowKey">The row's key.</param>
    /// <param name="change">Modifies the entity and returns true, or returns false to leave the row as it is.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <param name="current">A version already in hand to start from instead of reading the row first.</param>
    /// <param name="createIfMissing">For a row that may not exist yet: the new entity that <paramref name="change"/> fills in and that is inserted.</param>
    /// <param name="maxAttempts">How many versions to decide on before giving up.</param>
    /// <param name="replace">
    /// Writes a changed existing row instead of <see cref="ReplaceAsync{T}"/> (e.g. with an outbox event in the same
    /// transaction); must throw <see cref="ConcurrencyConflictException"/> when the row changed or vanished.
    /// </param>
    public static async Task<T?> UpdateWithRetryAsync<T>(
        this TableClient table, string partitionKey, string rowKey, Func<T, CancellationToken, ValueTask<bool>> change,
        CancellationToken cancellationToken, T? current = null, Func<T>? createIfMissing = null, int maxAttempts = DefaultUpdateAttempts,
        Func<T, CancellationToken, Task<T>>? replace = null)
        where T : class, ITableEntity
    {
        replace ??= table.ReplaceAsync;
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var entity = current ?? await table.GetOrDefaultAsync<T>(partitionKey, rowKey, cancellationToken);
            current = null;
            var isNew = entity is null && createIfMissing is not null;
            if (isNew) entity = createIfMissing!();
            if (entity is null || !await change(entity, cancellationToken)) return isNew ? null : entity;
            try
            {
                return isNew ? await table.InsertAsync(entity, cancellationToken) : await replace(entity, cancellationToken);
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or RecordAlreadyExistsException && attempt < maxAttempts)
            {
                // Someone else wrote first: decide again on their version.
            }
        }
    }

    /// <summary><see cref="UpdateWithRetryAsync{T}(TableClient, string, string, Func{T, CancellationToken, ValueTask{bool}}, CancellationToken, T, Func{T}, int, Func{T, CancellationToken, Task{T}})"/> with a synchronous change.</summary>
    public static Task<T?> UpdateWithRetryAsync<T>(
        this TableClient table, string partitionKey, string rowKey, Func<T, bool> change,
        CancellationToken cancellationToken, T? current = null, Func<T>? createIfMissing = null, int maxAttempts = DefaultUpdateAttempts)
        where T : class, ITableEntity =>
        table.UpdateWithRetryAsync<T>(partitionKey, rowKey, (entity, _) => ValueTask.FromResult(change(entity)),
            cancellationToken, current, createIfMissing, maxAttempts);

    /// <summary>Deletes if the ETag still matches (or unconditionally with <see cref="ETag.All"/>); missing is fine.</summary>
    public static async Task DeleteIfMatchAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new ConcurrencyConflictException($"{table.Name} ({entity.PartitionKey}, {entity.RowKey}) changed since it was read.", ex);
        }
    }

    /// <summary>One page of a filtered query, with the opaque token for the next page.</summary>
    public static async Task<Page<T>> QueryPageAsync<T>(
        this TableClient table, string filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        await foreach (var page in table.QueryAsync<T>(filter, pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize))
        {
            return page;
        }
        return Page<T>.FromValues([], null, null!);
    }
}
