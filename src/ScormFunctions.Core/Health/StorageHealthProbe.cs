using Azure;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Health;

/// <summary>Storage is healthy when our course table answers a one-row query.</summary>
public sealed class StorageHealthProbe(TableProvider tables) : IHealthProbe
{
    public string Name => "storage";

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var table = await tables.GetTableAsync(TableNames.Courses, cancellationToken);
            await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
            return null;
        }
        catch (RequestFailedException ex)
        {
            return $"Table storage answered {ex.Status} ({ex.ErrorCode}).";
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or AggregateException)
        {
            return $"Table storage is unreachable ({ex.GetType().Name}).";
        }
    }
}
