using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScormCloud.Client.Http;

namespace ScormCloud.Client;

/// <summary>Registers <see cref="ScormCloudClient"/>.</summary>
public static class ScormCloudServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ScormCloudClientOptions"/> from <paramref name="configurationSection"/>
    /// (validated on start; messages name keys such as <c>ScormCloud:AppId</c>), and registers
    /// <see cref="ScormCloudClient"/> as a typed <see cref="HttpClient"/> with the SCORM Cloud resilience pipeline.
    /// </summary>
    /// <remarks>
    /// Calling it again is harmless: the first call's options section and pipeline stay (a second resilience handler
    /// would multiply the retries), and the returned builder configures the same client.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configurationSection">The <c>ScormCloud</c> section.</param>
    /// <returns>The HTTP client builder, for further configuration (for example a primary handler in tests).</returns>
    public static IHttpClientBuilder AddScormCloudClient(this IServiceCollection services, IConfiguration configurationSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configurationSection);

        if (services.Any(d => d.ServiceType == typeof(ScormCloudClientRegistration)))
        {
            return services.AddHttpClient<ScormCloudClient>();
        }
        services.AddSingleton<ScormCloudClientRegistration>();

        var sectionPath = (configurationSection as IConfigurationSection)?.Path ?? ScormCloudClientOptions.SectionName;
        services.AddOptions<ScormCloudClientOptions>().Bind(configurationSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScormCloudClientOptions>>(
            new ScormCloudClientOptionsValidator(sectionPath)));

        var builder = services.AddHttpClient<ScormCloudClient>((provider, httpClient) =>
        {
            httpClient.BaseAddress = provider.GetRequiredService<IOptions<ScormCloudClientOptions>>().Value.BaseUrl;
            // Timeouts belong to the resilience pipeline (uploads may take hours).
            httpClient.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.RedactLoggedHeaders(static _ => true);
        builder.AddResilienceHandler(ScormCloudResilience.PipelineName, ScormCloudResilience.Configure);
        return builder;
    }
}
