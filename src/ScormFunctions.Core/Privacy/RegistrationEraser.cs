using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Events;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Privacy;

/// <summary>A registration to erase for a learner; <see cref="InScormCloud"/> when SCORM Cloud listed it for that learner.</summary>
public sealed record ErasureCandidate(string RegistrationId, string? CourseId, bool InScormCloud);

/// <summary>
/// Erases everything held about a learner's registrations, a batch at a time: SCORM Cloud's registration, every row of
/// our registration partition (the record and whatever other features keep beside it, such as result events not yet
/// delivered: the outbox is held meanwhile so no dispatcher delivers them, and its pending marker goes too), its course
/// and learner index rows, override history, results blobs, archived postbacks and used launch nonces. Every step is
/// idempotent and the learner index row goes last, so a batch interrupted anywhere is simply repeated. A registration
/// whose record names another learner keeps our data, and SCORM Cloud's copy is deleted only when it names this
/// learner: only the index row naming this learner always goes.
/// </summary>
public class RegistrationEraser(
    TableProvider tables,
    BlobContainerProvider containers,
    ScormCloudClient cloud,
    ErasedRegistrations erased,
    OutboxHold outbox,
    TimeProvider time,
    IOptions<StorageOptions> storage,
    IOptions<RegistrationOptions> registrationOptions)
{
    private const int Parallelism = 4;

    /// <summary>Erases the next <paramref name="batchSize"/> registrations of the learner's index; returns how many (0: none left).</summary>
    public virtual async Task<int> EraseNextIndexedAsync(string learnerId, int batchSize, ErasureTally tally, CancellationToken cancellationToken)
    {
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        var page = await index.QueryPageAsync<RegistrationIndexEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {RegistrationIndexEntity.LearnerPartition(learnerId)}"), batchSize, null, cancellationToken);
        var candidates = page.Values.Select(row => new ErasureCandidate(row.RowKey, null, InScormCloud: false)).ToList();
        await EraseAsync(learnerId, candidates, tally, cancellationToken);
        return candidates.Count;
    }

    /// <summary>Erases a batch, counting into <paramref name="tally"/> as it goes.</summary>
    public virtual async Task EraseAsync(
        string learnerId, IReadOnlyCollection<ErasureCandidate> candidates, ErasureTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(tally);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        var ours = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(candidates, parallel, async (candidate, ct) =>
        {
            if (await EraseRecordsAsync(learnerId, candidate, tally, ct)) ours[candidate.RegistrationId] = true;
        });
        await DeleteLaunchNoncesAsync(ours.Keys, tally, cancellationToken);
        await DeleteArchivedPostbacksAsync(ours.Keys, tally, cancellationToken);
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        await Parallel.ForEachAsync(candidates, parallel, async (candidate, ct) =>
        {
            if (candidate.InScormCloud || ours.ContainsKey(candidate.RegistrationId))
            {
                await DeleteInScormCloudAsync(learnerId, candidate.RegistrationId, tally, ct);
            }
            // Last: while this row exists, the batch is repeated after a crash.
            await DeleteRowAsync(index, RegistrationIndexEntity.LearnerPartition(learnerId), candidate.RegistrationId, () => tally.Add(ErasedKind.IndexRows), ct);
        });
    }

    /// <summary>Our rows and blobs of one registration; false (and nothing deleted) when its record names another learner.</summary>
    private async Task<bool> EraseRecordsAsync(string learnerId, ErasureCandidate candidate, ErasureTally tally, CancellationToken cancellationToken)
    {
        var id = candidate.RegistrationId;
        var registrations = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var record = await registrations.GetOrDefaultAsync<TableEntity>(id, RegistrationEntity.Row, cancellationToken);
        if (record is not null && record.GetString(nameof(RegistrationEntity.LearnerId)) != learnerId) return false;

        // Before the record goes: a postback that then finds no record also finds this, and its archived copy is dropped.
        await erased.AddAsync(id, cancellationToken);
        // No dispatcher may deliver its result events from here on (one delivering now is waited for).
        await HoldOutboxAsync(id, cancellationToken);
        var index = await tables.GetTableAsync(TableNames.RegistrationIndex, cancellationToken);
        if ((record?.GetString(nameof(RegistrationEntity.CourseId)) ?? candidate.CourseId) is { } courseId)
        {
            await DeleteRowAsync(index, RegistrationIndexEntity.CoursePartition(courseId), id, () => tally.Add(ErasedKind.IndexRows), cancellationToken);
        }
        // The record first: without it no write can add an event row, so the listing below finds every row there is.
        await DeleteRowAsync(registrations, id, RegistrationEntity.Row, () =>
        {
            tally.Add(ErasedKind.Registrations);
            tally.Add(ErasedKind.RegistrationRows);
        }, cancellationToken);
        foreach (var row in await ListAsync(registrations, id, cancellationToken))
        {
            await DeleteRowAsync(registrations, row.PartitionKey, row.RowKey, () => tally.Add(ErasedKind.RegistrationRows), cancellationToken);
        }
        await outbox.ReleaseAsync(id, cancellationToken);

        var overrides = await tables.GetTableAsync(TableNames.RegistrationOverrides, cancellationToken);
        foreach (var row in await ListAsync(overrides, id, cancellationToken))
        {
            await DeleteRowAsync(overrides, row.PartitionKey, row.RowKey, () => tally.Add(ErasedKind.Overrides), cancellationToken);
        }
        var results = await containers.GetContainerAsync(registrationOptions.Value.ResultsContainer, cancellationToken);
        tally.Add(ErasedKind.ResultBlobs, await DeleteBlobsAsync(results, BlobNames.Segment(id) + "/", cancellationToken));
        return true;
    }

    /// <summary>
    /// Takes the registration's outbox hold. A dispatcher delivering right now lets go when it is done (or its lease
    /// ends): asked again every 200 ms until then; a dispatcher still holding it after that fails the step (retried).
    /// </summary>
    private async Task HoldOutboxAsync(string registrationId, CancellationToken cancellationToken)
    {
        DateTimeOffset? giveUpAt = null;
        while (await outbox.TryHoldAsync(registrationId, cancellationToken) is { } busyUntil)
        {
            giveUpAt ??= busyUntil;
            if (time.GetUtcNow() > giveUpAt) throw new LearnerDeletionStepException("A dispatcher kept delivering a registration's result events.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }

    /// <summary>Used nonces live about an hour (the sweep removes expired ones): one scan of the table serves the batch.</summary>
    private async Task DeleteLaunchNoncesAsync(ICollection<string> registrationIds, ErasureTally tally, CancellationToken cancellationToken)
    {
        if (registrationIds.Count == 0) return;
        var ids = registrationIds.ToHashSet(StringComparer.Ordinal);
        var table = await tables.GetTableAsync(LaunchNonceEntity.TableName, cancellationToken);
        await foreach (var nonce in table.QueryAsync<LaunchNonceEntity>(
            filter: (string?)null, select: ["PartitionKey", "RowKey", nameof(LaunchNonceEntity.RegistrationId)], cancellationToken: cancellationToken))
        {
            if (!ids.Contains(nonce.RegistrationId)) continue;
            await DeleteRowAsync(table, nonce.PartitionKey, nonce.RowKey, () => tally.Add(ErasedKind.LaunchNonces), cancellationToken);
        }
    }

    /// <summary>
    /// Archived postbacks are named <c>yyyy/MM/dd/{registration segment}/…</c>: one walk over the archive's days lists
    /// which registrations each day holds, and only the batch's folders are listed and deleted.
    /// </summary>
    private async Task DeleteArchivedPostbacksAsync(ICollection<string> registrationIds, ErasureTally tally, CancellationToken cancellationToken)
    {
        if (registrationIds.Count == 0) return;
        var segments = registrationIds.Select(BlobNames.Segment).ToHashSet(StringComparer.Ordinal);
        var archive = await containers.GetContainerAsync(storage.Value.ArchiveContainer, cancellationToken);
        await foreach (var day in DaysAsync(archive, cancellationToken))
        {
            await foreach (var folder in FoldersAsync(archive, day, cancellationToken))
            {
                if (segments.Contains(folder[day.Length..^1])) tally.Add(ErasedKind.ArchivedPostbacks, await DeleteBlobsAsync(archive, folder, cancellationToken));
            }
        }
    }

    /// <summary>The archive's day folders (<c>yyyy/MM/dd/</c>).</summary>
    private static async IAsyncEnumerable<string> DaysAsync(
        BlobContainerClient archive, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var year in FoldersAsync(archive, "", cancellationToken))
        {
            await foreach (var month in FoldersAsync(archive, year, cancellationToken))
            {
                await foreach (var day in FoldersAsync(archive, month, cancellationToken)) yield return day;
            }
        }
    }

    private async Task DeleteInScormCloudAsync(string learnerId, string registrationId, ErasureTally tally, CancellationToken cancellationToken)
    {
        // Read first: a registration SCORM Cloud holds for someone else under this id is not this learner's to delete.
        Registration registration;
        try
        {
            registration = await cloud.GetRegistrationProgressAsync(registrationId, null, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.IsNotFound)
        {
            return;
        }
        if (!string.Equals(registration.Learner?.Id, learnerId, StringComparison.Ordinal)) return;
        if (await cloud.TryDeleteRegistrationAsync(registrationId, cancellationToken)) tally.Add(ErasedKind.ScormCloudRegistrations);
    }

    private static async Task<List<TableEntity>> ListAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Deletes unconditionally; <paramref name="deleted"/> runs only when the row was there.</summary>
    private static async Task DeleteRowAsync(TableClient table, string partitionKey, string rowKey, Action deleted, CancellationToken cancellationToken)
    {
        var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        if (response.Status is >= 200 and < 300) deleted();
    }

    private static async Task<int> DeleteBlobsAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            if ((await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken)).Value) count++;
        }
        return count;
    }

    /// <summary>The "folders" (prefixes ending in '/') directly below <paramref name="prefix"/>.</summary>
    private static async IAsyncEnumerable<string> FoldersAsync(
        BlobContainerClient container, string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new GetBlobsByHierarchyOptions { Delimiter = "/", Prefix = prefix };
        await foreach (var item in container.GetBlobsByHierarchyAsync(options, cancellationToken))
        {
            if (item.IsPrefix) yield return item.Prefix;
        }
    }
}
