using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace ScormFunctions.Core.Storage;

/// <summary>Account-key SAS (Azurite, whose OAuth needs HTTPS and certificates). Never used in Azure, where shared keys are off.</summary>
public sealed class AccountKeyUploadUrlSigner(TimeProvider time) : IUploadUrlSigner
{
    public Task<Uri> SignUploadAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        Task.FromResult(Sign(blob, expiresOn, BlobSasPermissions.Create | BlobSasPermissions.Write));

    public Task<Uri> SignReadAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        Task.FromResult(Sign(blob, expiresOn, BlobSasPermissions.Read));

    private Uri Sign(BlobClient blob, DateTimeOffset expiresOn, BlobSasPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!blob.CanGenerateSasUri)
        {
            throw new InvalidOperationException("The blob client has no account key: use the user delegation signer (managed identity).");
        }
        var builder = SasBuilders.ForBlob(blob, time.GetUtcNow(), expiresOn, SasProtocol.HttpsAndHttp);
        builder.SetPermissions(permissions);
        return blob.GenerateSasUri(builder);
    }
}

internal static class SasBuilders
{
    /// <summary>Clock skew allowance on the start time.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>A SAS for the blob, or for one snapshot of it when the client addresses a snapshot (resource <c>bs</c>).</summary>
    public static BlobSasBuilder ForBlob(BlobClient blob, DateTimeOffset now, DateTimeOffset expiresOn, SasProtocol protocol)
    {
        var snapshot = new BlobUriBuilder(blob.Uri).Snapshot;
        return new BlobSasBuilder
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = string.IsNullOrEmpty(snapshot) ? "b" : "bs",
            Snapshot = string.IsNullOrEmpty(snapshot) ? null : snapshot,
            StartsOn = now - Skew,
            ExpiresOn = expiresOn,
            Protocol = protocol,
        };
    }
}
