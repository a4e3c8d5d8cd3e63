using Azure.Data.Tables;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Privacy;

/// <summary>Deletion passes (<see cref="LearnerDeletionEntity"/>) by learner pseudonym.</summary>
public class LearnerDeletionRepository(TableProvider tables)
{
    /// <summary>The learner's newest pass, or null when none was ever requested.</summary>
    public virtual async Task<LearnerDeletionEntity?> GetLatestAsync(string pseudonym, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(LearnerDeletionEntity.TableName, cancellationToken);
        var page = await table.QueryPageAsync<LearnerDeletionEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {pseudonym}"), 1, null, cancellationToken);
        return page.Values.FirstOrDefault();
    }

    public virtual async Task<LearnerDeletionEntity?> GetAsync(string pseudonym, int pass, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(LearnerDeletionEntity.TableName, cancellationToken);
        return await table.GetOrDefaultAsync<LearnerDeletionEntity>(pseudonym, LearnerDeletionEntity.RowKeyFor(pass), cancellationToken);
    }

    /// <summary>Inserts a new pass; null when that pass number is taken (a concurrent request started it).</summary>
    public virtual async Task<LearnerDeletionEntity?> TryInsertAsync(LearnerDeletionEntity deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        deletion.RowKey = LearnerDeletionEntity.RowKeyFor(deletion.Pass);
        var table = await tables.GetTableAsync(LearnerDeletionEntity.TableName, cancellationToken);
        try
        {
            return await table.InsertAsync(deletion, cancellationToken);
        }
        catch (RecordAlreadyExistsException)
        {
            return null;
        }
    }

    /// <summary>Applies <paramref name="change"/> (false = leave it) and writes, re-reading on ETag conflicts.</summary>
    public virtual async Task<LearnerDeletionEntity?> UpdateAsync(
        string pseudonym, int pass, Func<LearnerDeletionEntity, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await tables.GetTableAsync(LearnerDeletionEntity.TableName, cancellationToken);
        return await table.UpdateWithRetryAsync(pseudonym, LearnerDeletionEntity.RowKeyFor(pass), change, cancellationToken);
    }
}
