using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using ScormCloud.Emulator.Store;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Testing;

/// <summary>
/// What is held about one registration, by the kinds a learner deletion counts: rows of its partition, its course and
/// learner index rows, override history, results blobs, archived postbacks, used launch nonces, and whether SCORM Cloud
/// (the emulator) still has it.
/// </summary>
public sealed record HeldData(int RegistrationRows, int IndexRows, int Overrides, int ResultBlobs, int ArchivedPostbacks, int LaunchNonces, bool InScormCloud)
{
    public static HeldData Nothing { get; } = new(0, 0, 0, 0, 0, 0, false);

    /// <summary>Reads it straight from Azurite (table prefix and containers as configured) and the emulator's store.</summary>
    public static async Task<HeldData> ReadAsync(
        string tablePrefix, string resultsContainer, string archiveContainer, EmulatorServer emulator,
        string registrationId, string courseId, string learnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var tables = new TableServiceClient(Azurite.ConnectionString);
        TableClient Table(string name) => tables.GetTableClient(tablePrefix + name);
        var segment = BlobNames.Segment(registrationId);
        var byPartition = TableClient.CreateQueryFilter($"PartitionKey eq {registrationId}");
        var indexRows = TableClient.CreateQueryFilter(
            $"(PartitionKey eq {RegistrationIndexEntity.CoursePartition(courseId)} or PartitionKey eq {RegistrationIndexEntity.LearnerPartition(learnerId)}) and RowKey eq {registrationId}");
        return new HeldData(
            await CountAsync(Table(TableNames.Registrations).QueryAsync<TableEntity>(byPartition, cancellationToken: cancellationToken)),
            await CountAsync(Table(TableNames.RegistrationIndex).QueryAsync<TableEntity>(indexRows, cancellationToken: cancellationToken)),
            await CountAsync(Table(TableNames.RegistrationOverrides).QueryAsync<TableEntity>(byPartition, cancellationToken: cancellationToken)),
            await CountAsync(Blobs(resultsContainer, segment + "/", cancellationToken)),
            await CountAsync(Blobs(archiveContainer, null, cancellationToken), b => b.Name.Split('/') is { Length: 5 } parts && parts[3] == segment),
            await CountAsync(Table(LaunchNonceEntity.TableName).QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"RegistrationId eq {registrationId}"), cancellationToken: cancellationToken)),
            emulator.Services.GetRequiredService<EmulatorStore>().Registrations.ContainsKey(registrationId));
    }

    private static async IAsyncEnumerable<BlobItem> Blobs(
        string container, string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = new BlobContainerClient(Azurite.ConnectionString, container);
        if (!(await client.ExistsAsync(cancellationToken)).Value) yield break;
        await foreach (var blob in client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken)) yield return blob;
    }

    /// <summary>Rows of a table that does not exist yet count as none.</summary>
    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items, Func<T, bool>? where = null)
    {
        var count = 0;
        try
        {
            await foreach (var item in items) if (where?.Invoke(item) ?? true) count++;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
        }
        return count;
    }
}
