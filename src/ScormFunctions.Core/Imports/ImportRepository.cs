using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Imports;

/// <summary>Import records in Table Storage; every update is ETag-checked.</summary>
public class ImportRepository(TableProvider tables, TimeProvider time)
{
    public virtual async Task<ImportEntity?> GetAsync(string courseId, string importId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Imports, cancellationToken);
        return await table.GetOrDefaultAsync<ImportEntity>(courseId, importId, cancellationToken);
    }

    /// <summary>Inserts; throws <see cref="RecordAlreadyExistsException"/> when the import exists.</summary>
    public virtual async Task<ImportEntity> InsertAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Imports, cancellationToken);
        return await table.InsertAsync(import, cancellationToken);
    }

    /// <summary>Replaces if unchanged since read; throws <see cref="ConcurrencyConflictException"/>.</summary>
    public virtual async Task<ImportEntity> ReplaceAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Imports, cancellationToken);
        return await table.ReplaceAsync(import, cancellationToken);
    }

    /// <summary>Reads, applies <paramref name="change"/> (false = leave untouched) and writes, re-reading on ETag conflicts.</summary>
    public virtual async Task<ImportEntity?> UpdateWithRetryAsync(
        string courseId, string importId, Func<ImportEntity, bool> change, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Imports, cancellationToken);
        return await table.UpdateWithRetryAsync(courseId, importId, change, cancellationToken);
    }

    /// <summary>
    /// When each running import started: a cross-partition query, filtered and projected by the service (only running
    /// records, only StartedAt come back). For the periodic sweep, never per request.
    /// </summary>
    public virtual async IAsyncEnumerable<DateTimeOffset> ListRunningStartsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Imports, cancellationToken);
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"Status eq {ImportStatus.Running}");
        await foreach (var import in table.QueryAsync<ImportEntity>(filter, select: [nameof(ImportEntity.StartedAt)], cancellationToken: cancellationToken))
        {
            yield return import.StartedAt;
        }
    }

    public DateTimeOffset Now => time.GetUtcNow();
}
