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
    private const int MaxAttempts = 10;

    public async Task RecordAsync(string registrationId, Registration reported, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var rowKey = RegistrationInstanceEntity.RowKeyFor(reported.Instance);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetOrDefaultAsync<RegistrationInstanceEntity>(registrationId, rowKey, cancellationToken);
            if (row?.ReportedUpdatedAt is { } held && updated <= held) return;
            var fresh = row ?? new RegistrationInstanceEntity { PartitionKey = registrationId, RowKey = rowKey, Instance = reported.Instance };
            fresh.CourseVersion = reported.Course?.Version ?? fresh.CourseVersion;
            fresh.Completion = RegistrationResults.Completion(reported.RegistrationCompletion);
            fresh.Success = RegistrationResults.Success(reported.RegistrationSuccess);
            fresh.Score = RegistrationResults.ScoreOf(reported);
            fresh.TotalSecondsTracked = RegistrationResults.SecondsOf(reported);
            fresh.FirstAccessDate = reported.FirstAccessDate;
            fresh.LastAccessDate = reported.LastAccessDate;
            fresh.CompletedDate = reported.CompletedDate;
            fresh.ReportedUpdatedAt = updated;
            try
            {
                if (row is null) await table.InsertAsync(fresh, cancellationToken);
                else await table.ReplaceAsync(fresh, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or RecordAlreadyExistsException && attempt < MaxAttempts)
            {
                // Another report for the same instance wrote first: re-read and decide again.
            }
        }
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
