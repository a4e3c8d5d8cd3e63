using ScormFunctions.Core.Imports;

namespace ScormFunctions.LocalHost.Imports;

public static class LocalImportServiceCollectionExtensions
{
    /// <summary>The Table-backed import tracker and its background runner (the Functions app uses Durable instead).</summary>
    public static IServiceCollection AddLocalImportRunner(this IServiceCollection services)
    {
        services.AddSingleton<LocalImportWakeup>();
        services.AddSingleton<LocalImportTracker>();
        services.AddSingleton<IImportTracker>(sp => sp.GetRequiredService<LocalImportTracker>());
        services.AddHostedService<LocalImportRunner>();
        return services;
    }
}
