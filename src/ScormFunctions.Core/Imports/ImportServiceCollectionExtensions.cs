using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Imports;

public static class ImportServiceCollectionExtensions
{
    /// <summary>
    /// Course import: options (<c>Imports:*</c>, validated on start), the upload URL signer, handlers, activities; and
    /// the SCORM Cloud client (<c>ScormCloud:*</c>) unless something registered it already.
    /// </summary>
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(ScormCloudClient)))
        {
            services.AddScormCloudClient(configuration.GetSection(ScormCloudClientOptions.SectionName));
        }
        services.TryAddSingleton<IUploadUrlSigner>(sp =>
            UploadUrlSigners.Create(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value,
                sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ImportRepository>();
        services.TryAddSingleton<ImportPostbackSigner>();
        services.TryAddSingleton<ImportActivities>();
        services.AddSingleton(sp => ImportActivityTasks.Workflow(sp.GetRequiredService<ImportActivities>()));
        services.TryAddSingleton<RunningImportsProbe>();
        services.TryAddSingleton<ImportHandlers>();
        return services;
    }
}
