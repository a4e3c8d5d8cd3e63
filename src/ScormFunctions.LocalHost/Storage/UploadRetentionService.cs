using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.LocalHost.Storage;

/// <summary>
/// The local stand-in for the storage lifecycle rule that Bicep puts on <c>uploads/</c> in Azure: every hour, deletes
/// uploads older than <c>Imports:FailedUploadRetentionDays</c> (successful imports delete theirs at once).
/// </summary>
public sealed class UploadRetentionService(
    BlobContainerProvider containers,
    IOptions<ImportOptions> imports,
    IOptions<StorageOptions> storageOptions,
    TimeProvider time,
    ILogger<UploadRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Upload retention sweep failed (storage unavailable?); trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var days = imports.Value.FailedUploadRetentionDays;
        var cutoff = time.GetUtcNow().AddDays(-days);
        var container = await containers.GetContainerAsync(storageOptions.Value.UploadsContainer, cancellationToken);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (blob.Properties.LastModified is { } modified && modified < cutoff)
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                logger.LogInformation("Deleted upload {Blob} (older than {Days} days)", blob.Name, days);
            }
        }
    }
}
