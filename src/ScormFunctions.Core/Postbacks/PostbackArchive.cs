using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// Raw postback payloads (the JSON or XML only, never the credentials) in <c>Storage:ArchiveContainer</c>, named
/// <c>{yyyy}/{MM}/{dd}/{registration id}/{HHmmssfffffff}-{random}.{json|xml|txt}</c> for audit and replay.
/// </summary>
public class PostbackArchive(BlobContainerProvider containers, IOptions<StorageOptions> storage, TimeProvider time)
{
    public virtual async Task<string> SaveAsync(
        string registrationId, string payload, string extension, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{now:yyyy}/{now:MM}/{now:dd}/{BlobNames.Segment(registrationId)}/{now:HHmmssfffffff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.{extension}");
        var container = await containers.GetContainerAsync(storage.Value.ArchiveContainer, cancellationToken);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(payload), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = extension switch { "json" => "application/json", "xml" => "application/xml", _ => "text/plain" },
            },
            Metadata = metadata,
        }, cancellationToken);
        return name;
    }
}
