using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Storage;

/// <summary>ETag-checked reads and writes, mapping storage status codes to our two exception types.</summary>
public static class TableClientExtensions
{
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
