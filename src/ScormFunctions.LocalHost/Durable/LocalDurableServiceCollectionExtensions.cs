using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.LocalHost.Durable;

public static class LocalDurableServiceCollectionExtensions
{
    /// <summary>The Durable Task Framework engine on Azure Storage (Azurite locally) the orchestration starter and the import tracker over it.</summary>
    public static IServiceCollection AddLocalDurableEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalDurableOptions>().Bind(configuration.GetSection(LocalDurableOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LocalDurableEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalDurableEngine>());
        services.AddSingleton<LocalOrchestrationStarter>();
        services.AddSingleton<IOrchestrationStarter>(sp => sp.GetRequiredService<LocalOrchestrationStarter>());
        services.AddSingleton<IImportTracker, LocalImportTracker>();
        return services;
    }
}
