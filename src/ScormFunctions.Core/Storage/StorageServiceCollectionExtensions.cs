using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The Blob and Table service clients through the Azure SDK's client factory (which also forwards the SDK's logs to
    /// <c>ILogger</c>): <c>Storage:ConnectionString</c> for Azurite, otherwise the service URIs with
    /// <see cref="DefaultAzureCredential"/> (the user-assigned managed identity <c>Storage:ManagedIdentityClientId</c> in
    /// Azure). Both read the validated <see cref="StorageOptions"/> when first resolved. Plus our table and container providers.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddAzureClients(azure =>
        {
            azure.AddClient<BlobServiceClient, BlobClientOptions>((clientOptions, credential, sp) => Storage(sp) is { UsesConnectionString: true } o
                ? new BlobServiceClient(o.ConnectionString, clientOptions)
                : new BlobServiceClient(Storage(sp).BlobServiceUri, credential, clientOptions));
            azure.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, sp) =>
            {
                clientOptions.AddPolicy(new UnbufferedQueryPolicy(), HttpPipelinePosition.PerCall);
                return Storage(sp) is { UsesConnectionString: true } o
                    ? new TableServiceClient(o.ConnectionString, clientOptions)
                    : new TableServiceClient(Storage(sp).TableServiceUri, credential, clientOptions);
            });
            azure.UseCredential(sp => new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(Storage(sp).ManagedIdentityClientId) ? null : Storage(sp).ManagedIdentityClientId,
            }));
        });
        services.AddSingleton<TableProvider>();
        services.AddSingleton<BlobContainerProvider>();
        return services;
    }

    private static StorageOptions Storage(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
