using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScormCloud.Client;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations.Retakes;

namespace ScormFunctions.Core.Registrations;

/// <summary>Registrations, launch and postbacks (issue 5).</summary>
public static class RegistrationServiceCollectionExtensions
{
    public static IServiceCollection AddRegistrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistrationOptions>().Bind(configuration.GetSection(RegistrationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(ScormCloudClient)))
        {
            // The SCORM Cloud client (ScormCloud:BaseUrl/AppId/SecretKey), unless the host registered it already.
            services.AddScormCloudClient(configuration.GetSection(ScormCloudClientOptions.SectionName));
        }
        services.AddSingleton<PostbackCredentials>();
        services.AddSingleton<RegistrationResultsStore>();
        services.AddSingleton<LaunchSigner>();
        services.AddSingleton<LaunchNonceStore>();
        services.AddSingleton<PostbackArchive>();
        services.AddSingleton<PostbackBodyGate>();
        services.AddSingleton<RecentExitRefreshes>();
        services.AddSingleton<PostbackHandler>();
        services.AddSingleton<PostbackReplayer>();
        services.AddTransient<PostbackReplayHandler>();
        // Transient: they hold the typed SCORM Cloud HttpClient, whose handlers the factory rotates.
        services.AddTransient<RegistrationProvisioner>();
        services.AddTransient<RegistrationRefresher>();
        services.AddTransient<RegistrationSweeper>();
        services.AddTransient<RegistrationReconciler>();
        services.AddTransient<RegistrationHandlers>();
        services.AddTransient<LaunchHandlers>();
        services.AddSingleton<RegistrationInstanceHistory>();
        services.AddTransient<RetakeHandlers>();
        return services;
    }
}
