using Azure.Storage.Blobs;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// Our blob containers (uploads, the postback archive, results details), by their configured names; each is created
/// once per process on first use.
/// </summary>
public sealed class BlobContainerProvider(BlobServiceClient service)
{
    private readonly CreatedOnce<BlobContainerClient> containers = new(async name =>
    {
        var container = service.GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        return container;
    });

    public Task<BlobContainerClient> GetContainerAsync(string name, CancellationToken cancellationToken = default) =>
        containers.GetAsync(name, cancellationToken);
}
