using Azure;
using Azure.Data.Tables;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Events;

/// <summary>
/// Keeps dispatchers away from a registration whose events are being deleted (a learner deletion): the deleter takes
/// the registration's outbox lease (<see cref="OutboxPendingEntity"/>, created if there is none), which dispatchers
/// respect, deletes the record and every event row, then <see cref="ReleaseAsync"/> deletes the marker. Writers only
/// raise the marker's sequence and due time, never its lease, and once the record is gone no event can be written.
/// </summary>
public class OutboxHold(TableProvider tables, TimeProvider time)
{
    /// <summary>The lease owner that marks a held registration (a repeated deletion step takes its own hold again).</summary>
    public const string Owner = "deletion";

    /// <summary>Long enough for any deletion step; a hold left by a deleter that never came back only delays dispatchers.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromHours(1);

    /// <summary>
    /// Takes the hold; returns null when held, or, when a dispatcher holds the lease now, when that lease ends (a
    /// dispatcher starts no delivery after half its lease, and each delivery has a timeout well within the rest).
    /// </summary>
    public virtual async Task<DateTimeOffset?> TryHoldAsync(string registrationId, CancellationToken cancellationToken)
    {
        var pending = await tables.GetTableAsync(OutboxPendingEntity.TableName, cancellationToken);
        DateTimeOffset? busyUntil = null;
        await pending.UpdateWithRetryAsync<OutboxPendingEntity>(registrationId, OutboxPendingEntity.Row, marker =>
        {
            var now = time.GetUtcNow();
            busyUntil = marker.IsLeased(now) && marker.LeaseOwner != Owner ? marker.LeasedUntil : null;
            if (busyUntil is not null) return false;
            marker.LeasedUntil = now + Duration;
            marker.LeaseOwner = Owner;
            return true;
        }, cancellationToken, createIfMissing: () => new OutboxPendingEntity { PartitionKey = registrationId, MarkedAt = time.GetUtcNow(), DueAt = time.GetUtcNow() });
        return busyUntil;
    }

    /// <summary>Deletes the marker (after the record and its event rows are gone); true when there was one.</summary>
    public virtual async Task<bool> ReleaseAsync(string registrationId, CancellationToken cancellationToken)
    {
        var pending = await tables.GetTableAsync(OutboxPendingEntity.TableName, cancellationToken);
        var response = await pending.DeleteEntityAsync(registrationId, OutboxPendingEntity.Row, ETag.All, cancellationToken);
        return response.Status is >= 200 and < 300;
    }
}
