using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// Hands out table and container clients, creating each table or container once per process on first use
/// so neither host needs a provisioning step (the Bicep creates them in Azure too).
/// </summary>
public sealed class TableProvider(StorageClients clients)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> containers = new();

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken cancellationToken = default)
    {
        var name = clients.Options.TablePrefix + logicalName;
        var lazy = tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(async () =>
        {
            var table = clients.Tables.GetTableClient(n);
            await table.CreateIfNotExistsAsync(CancellationToken.None);
            return table;
        }));
        return AwaitOrResetAsync(tables, name, lazy, cancellationToken);
    }

    public Task<BlobContainerClient> GetContainerAsync(string name, CancellationToken cancellationToken = default)
    {
        var lazy = containers.GetOrAdd(name, n => new Lazy<Task<BlobContainerClient>>(async () =>
        {
            var container = clients.Blobs.GetBlobContainerClient(n);
            await container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return container;
        }));
        return AwaitOrResetAsync(containers, name, lazy, cancellationToken);
    }

    // A failed creation (storage briefly down) must not be cached forever.
    private static async Task<T> AwaitOrResetAsync<T>(
        ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Lazy<Task<T>> lazy, CancellationToken cancellationToken)
    {
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }
}
