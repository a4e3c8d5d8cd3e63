using Microsoft.Extensions.DependencyInjection;

namespace ScormFunctions.Core.Health;

/// <summary>Our readiness checks (storage, SCORM Cloud), registered with the platform's health checks.</summary>
public static class ReadinessChecks
{
    /// <summary>The tag of the checks GET /api/health (readiness) runs; liveness runs none.</summary>
    public const string Tag = "ready";

    /// <summary>How long a check may take before it counts as down.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddSingleton<ScormCloudHealthCheck>(); // one instance: its cached ping must outlive a request
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [Tag], timeout: Timeout)
            .AddCheck<ScormCloudHealthCheck>("scormCloud", tags: [Tag], timeout: Timeout);
        services.AddSingleton<HealthHandler>();
        return services;
    }
}
