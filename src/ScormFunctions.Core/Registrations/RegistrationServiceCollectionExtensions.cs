using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations.Assign;
using ScormFunctions.Core.Registrations.Lifecycle;
using ScormFunctions.Core.Registrations.Overrides;
using ScormFunctions.Core.Registrations.Progress;
using ScormFunctions.Core.Registrations.Reports;
using ScormFunctions.Core.Registrations.Retakes;

namespace ScormFunctions.Core.Registrations;

/// <summary>Registrations, launch and postbacks (issue 5).</summary>
public static class RegistrationServiceCollectionExtensions
{
    public static IServiceCollection AddRegistrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistrationOptions>().Bind(configuration.GetSection(RegistrationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
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
        // The endpoints, by feature (each holds what its endpoints need; transient like the SCORM Cloud client they use).
        services.AddSingleton<RegistrationAccess>();
        services.AddTransient<AssignRegistrationHandler>();
        services.AddTransient<RegistrationProgressHandlers>();
        services.AddTransient<OverrideHandlers>();
        services.AddTransient<RegistrationReportHandlers>();
        services.AddTransient<RegistrationLifecycleHandlers>();
        services.AddTransient<RegistrationRepair>();
        services.AddTransient<LaunchIssueHandlers>();
        services.AddTransient<LaunchOpenHandler>();
        services.AddTransient<LaunchExitHandler>();
        services.AddSingleton<RegistrationInstanceHistory>();
        services.AddTransient<RetakeHandlers>();
        return services;
    }
}
