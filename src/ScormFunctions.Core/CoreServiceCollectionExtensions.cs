using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScormCloud.Client;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Events;
using ScormFunctions.Core.Health;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Privacy;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core;

/// <summary>Registers everything both hosts share. Options are validated at start-up.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddScormFunctionsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.SectionName));
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // After the resilience handler: every attempt is counted, retried 429s included. No HttpClient request logs:
        // they and their scope print the URL, whose path can name a learner (SCORM Cloud's learner data deletion).
        services.AddScormCloudClient(configuration.GetSection(ScormCloudClientOptions.SectionName))
            .AddHttpMessageHandler(() => new ScormCloudMetricsHandler())
            .RemoveAllLoggers();
        services.AddStorage();
        services.AddSingleton<CourseRepository>();
        services.AddSingleton<RegistrationRepository>();

        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<AccessControl>();
        services.AddSingleton<DevelopmentTokenIssuer>();

        services.AddReadinessChecks();
        services.AddSingleton<CourseHandlers>();
        services.AddRegistrations(configuration);
        services.AddImports(configuration);
        services.AddLearnerDeletion(configuration);
        services.AddResultEvents(configuration);
        return services;
    }
}
