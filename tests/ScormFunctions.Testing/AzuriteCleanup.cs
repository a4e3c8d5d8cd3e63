using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;

namespace ScormFunctions.Testing;

/// <summary>
/// Deletes what one test or bench run created in the shared Azurite: every table, blob container and queue whose name
/// starts with the run's own prefix (its tables, containers and task hub are all named after it). Azurite keeps its
/// whole table store in one JSON file that it rewrites as it changes, so leftovers slow every later run on the machine.
/// </summary>
public static class AzuriteCleanup
{
    public static async Task DeleteByPrefixAsync(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var lower = prefix.ToLowerInvariant();
        var tables = new TableServiceClient(Azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            if (table.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) await tables.DeleteTableAsync(table.Name);
        }
        var blobs = new BlobServiceClient(Azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: lower))
        {
            // A task hub's app-lease container stays leased by a host that was killed.
            var client = blobs.GetBlobContainerClient(container.Name);
            if (container.Properties.LeaseState == LeaseState.Leased) await client.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
            await client.DeleteAsync();
        }
        var queues = new QueueServiceClient(Azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: lower))
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }
}
