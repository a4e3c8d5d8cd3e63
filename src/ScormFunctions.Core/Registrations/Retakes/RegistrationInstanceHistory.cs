using Azure.Data.Tables;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Registrations.Retakes;

/// <summary>
/// Per-instance result history: every report (postback, refresh, reconcile) also lands in its instance's row, order-safely
/// per instance (an older <c>updated</c> never overwrites a newer one), so a late postback for an instance a retake has
/// replaced still completes that instance's history. The row is written in the same transaction as the record.
/// </summary>
public sealed class RegistrationInstanceHistory(TableProvider tables)
{
    /// <summary>
    /// The instance's history row with <paramref name="reported"/> in it, to be written in the same transaction as the record
    /// (<c>RegistrationRepository.UpdateWithRowAsync</c>), or null when the row <paramref name="held"/> already has
    /// this or a newer report.
    /// </summary>
    public RegistrationInstanceEntity? Recorded(string registrationId, IReportedResult? held, Registration reported, DateTimeOffset updated)
    {
        if (held?.ReportedUpdatedAt is { } stamp && updated <= stamp) return null;
        var row = new RegistrationInstanceEntity
        {
            PartitionKey = registrationId, RowKey = RegistrationInstanceEntity.RowKeyFor(reported.Instance), Instance = reported.Instance,
        };
        RegistrationResults.Copy(row, reported, updated);
        return row;
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
