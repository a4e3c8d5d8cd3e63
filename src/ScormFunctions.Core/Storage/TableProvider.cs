using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// Our tables, by logical name (<see cref="TableNames"/>) with <see cref="StorageOptions.TablePrefix"/> added; each is
/// created once per process on first use.
/// </summary>
public sealed class TableProvider(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly CreatedOnce<TableClient> tables = new(async name =>
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    });

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken cancellationToken = default) =>
        tables.GetAsync(options.Value.TablePrefix + logicalName, cancellationToken);
}
