using Azure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Health;

/// <summary>Storage is healthy when our course table answers a one-row query.</summary>
public sealed class StorageHealthCheck(TableProvider tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var table = await tables.GetTableAsync(TableNames.Courses, cancellationToken);
            await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
            return HealthCheckResult.Healthy();
        }
        catch (RequestFailedException ex)
        {
            return HealthCheckResult.Unhealthy($"Table storage answered {ex.Status} ({ex.ErrorCode}).");
        }
        // Our own token firing is the check's timeout: left to the health check service, which reports it as such.
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or AggregateException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"Table storage is unreachable ({ex.GetType().Name}).");
        }
    }
}
