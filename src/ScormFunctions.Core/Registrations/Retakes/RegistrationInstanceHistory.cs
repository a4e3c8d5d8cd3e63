using Azure.Data.Tables;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations.Retakes;

/// <summary>
/// Per-instance result history: every report (postback, refresh, reconcile) also lands in its instance's row, order-safely
/// per instance (an older <c>updated</c> never overwrites a newer one), so a late postback for an instance a retake has
/// replaced still completes that instance's history.
/// </summary>
public sealed class RegistrationInstanceHistory(TableProvider tables)
{
    public async Task RecordAsync(string registrationId, Registration reported, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var rowKey = RegistrationInstanceEntity.RowKeyFor(reported.Instance);
        await table.UpdateWithRetryAsync<RegistrationInstanceEntity>(registrationId, rowKey, row =>
        {
            if (row.ReportedUpdatedAt is { } held && updated <= held) return false;
            RegistrationResults.Copy(row, reported, updated);
            return true;
        }, cancellationToken, createIfMissing: () => new RegistrationInstanceEntity
        {
            PartitionKey = registrationId, RowKey = rowKey, Instance = reported.Instance,
        });
    }

    /// <summary>Every instance row of a registration, oldest first (a handful per registration).</summary>
    public async Task<IReadOnlyList<RegistrationInstanceEntity>> ListAsync(string registrationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {registrationId} and RowKey ge {RegistrationInstanceEntity.RowPrefix} and RowKey lt {"instance."}");
        var rows = new List<RegistrationInstanceEntity>();
        await foreach (var row in table.QueryAsync<RegistrationInstanceEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row);
        return rows;
    }
}
