using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// The Blob and Table service clients for our records: a connection string for Azurite, otherwise the
/// service URIs with <see cref="DefaultAzureCredential"/> (the user-assigned managed identity in Azure).
/// </summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        Options = o;
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Blobs = new BlobServiceClient(o.ConnectionString);
            Tables = new TableServiceClient(o.ConnectionString);
        }
        else
        {
            TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(o.ManagedIdentityClientId) ? null : o.ManagedIdentityClientId,
            });
            Blobs = new BlobServiceClient(o.BlobServiceUri!, credential);
            Tables = new TableServiceClient(o.TableServiceUri!, credential);
        }
    }

    public StorageOptions Options { get; }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }
}
