using Azure.Storage.Blobs;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// Signs short-lived URLs for exactly one blob: create/write for an upload, read for SCORM Cloud's fetch.
/// In Azure a user delegation SAS (managed identity; shared keys are off), on Azurite an account-key SAS.
/// Chosen by <see cref="UploadUrlSigners.Create"/> from whether storage uses a connection string.
/// </summary>
public interface IUploadUrlSigner
{
    /// <summary>A URL that can create and write <paramref name="blob"/> (Put Blob, Put Block, Put Block List) until <paramref name="expiresOn"/>.</summary>
    Task<Uri> SignUploadAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken);

    /// <summary>A URL that can read <paramref name="blob"/> until <paramref name="expiresOn"/>.</summary>
    Task<Uri> SignReadAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken);
}

public static class UploadUrlSigners
{
    /// <summary>Account-key SAS when storage is a connection string (Azurite), user delegation SAS otherwise.</summary>
    public static IUploadUrlSigner Create(BlobServiceClient blobs, StorageOptions storage, TimeProvider time) =>
        storage.UsesConnectionString ? new AccountKeyUploadUrlSigner(time) : new UserDelegationUploadUrlSigner(blobs, time);

    /// <summary>Strips the query (the SAS) so a URL can be logged.</summary>
    public static string WithoutQuery(Uri url) => url.GetLeftPart(UriPartial.Path);
}
