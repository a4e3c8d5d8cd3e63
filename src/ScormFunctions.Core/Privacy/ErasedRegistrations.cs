using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// Registrations whose data a learner deletion erased (table <c>ErasedRegistrations</c>, PK = the registration's
/// pseudonym, so the table names no one). Written before the registration's record is deleted; the postback handler
/// asks it about postbacks for registrations it no longer has, so one that SCORM Cloud delivers during or after the
/// deletion is acknowledged as before but its archived copy is deleted instead of kept.
/// </summary>
public class ErasedRegistrations(
    TableProvider tables, BlobContainerProvider containers, LearnerPseudonyms pseudonyms, IOptions<StorageOptions> storage, TimeProvider time)
{
    public const string TableName = "ErasedRegistrations";

    private const string Row = "erased";

    public virtual async Task AddAsync(string registrationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var entity = new TableEntity(pseudonyms.Registration(registrationId), Row) { ["ErasedAt"] = time.GetUtcNow() };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// For a postback about a registration we do not have: when a learner deletion erased it, deletes the postback's
    /// archived copy and returns true.
    /// </summary>
    public virtual async Task<bool> DiscardIfErasedAsync(string registrationId, string archivedBlob, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        if (await table.GetOrDefaultAsync<TableEntity>(pseudonyms.Registration(registrationId), Row, cancellationToken) is null) return false;
        var archive = await containers.GetContainerAsync(storage.Value.ArchiveContainer, cancellationToken);
        await archive.DeleteBlobIfExistsAsync(archivedBlob, cancellationToken: cancellationToken);
        return true;
    }
}
