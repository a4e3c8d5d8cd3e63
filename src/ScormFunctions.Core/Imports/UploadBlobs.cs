using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Imports;

/// <summary>Where an upload's package is: one blob per upload in <c>Storage:UploadsContainer</c>.</summary>
public sealed class UploadBlobs(BlobContainerProvider containers, IOptions<StorageOptions> storage)
{
    public static string Name(string courseId, string uploadId) => $"{courseId}/{uploadId}.zip";

    public async Task<BlobClient> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await containers.GetContainerAsync(storage.Value.UploadsContainer, cancellationToken);
        return container.GetBlobClient(blobName);
    }
}
