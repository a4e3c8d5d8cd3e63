using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ScormFunctions.Core.Events;

/// <summary>Outbound result events (issue 16, part 1): the outbox writer, the dispatcher and the subscribers.</summary>
public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddResultEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ResultEventOutbox>();
        services.AddSingleton<EventSubscribers>();
        services.TryAddSingleton<OutboxDispatcher>(); // a test may stand in its own
        services.AddSingleton<OutboxHold>();
        services.AddSingleton<EventHandlers>();
        // No resilience handler (the dispatcher retries durably, in order), no redirects, and no HttpClient logging:
        // its messages carry the full URL, and a subscriber's URL may hold a credential.
        services.AddHttpClient(EventSubscribers.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        return services;
    }
}
