using Azure.Data.Tables;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Launch;

/// <summary>Single use of launch URLs: insert-if-absent of the nonce.</summary>
public class LaunchNonceStore(TableProvider tables, TimeProvider time)
{
    /// <summary>True the first time a nonce is used; false on every later use.</summary>
    public virtual async Task<bool> TryUseAsync(string nonce, string registrationId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(LaunchNonceEntity.TableName, cancellationToken);
        try
        {
            await table.InsertAsync(new LaunchNonceEntity
            {
                PartitionKey = nonce,
                RegistrationId = registrationId,
                ExpiresAt = expiresAt,
                UsedAt = time.GetUtcNow(),
            }, cancellationToken);
            return true;
        }
        catch (RecordAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>Deletes nonces whose URLs expired over an hour ago (they can no longer be presented anyway).</summary>
    public virtual async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(LaunchNonceEntity.TableName, cancellationToken);
        var cutoff = time.GetUtcNow().AddHours(-1);
        var count = 0;
        await foreach (var row in table.QueryAsync<LaunchNonceEntity>(
            TableClient.CreateQueryFilter($"ExpiresAt lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken);
            count++;
        }
        return count;
    }
}
