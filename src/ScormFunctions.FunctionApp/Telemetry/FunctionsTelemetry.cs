using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.FunctionApp.Telemetry;

/// <summary>
/// The worker's OpenTelemetry (host.json <c>telemetryMode</c> = OpenTelemetry, so the host exports its own spans and
/// logs too): function invocations joined to the host's request traces, HttpClient (SCORM Cloud), the Azure SDK
/// (storage) and our source and meter, exported to Application Insights. Application Insights has local auth
/// disabled, so the exporter authenticates with the user-assigned managed identity (Storage:ManagedIdentityClientId).
/// </summary>
public static class FunctionsTelemetry
{
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // The Azure SDK's logs reach ILogger through the client factory (AddAzureClients); at Information it logs every
        // storage request and response, which the spans already show.
        services.AddLogging(l => l.AddFilter("Azure", LogLevel.Warning));
        // The Azure SDK emits its spans through ActivitySource only when this switch is on (still "experimental").
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource(ScormTelemetry.Name, "Azure.*").AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(ScormTelemetry.Name).AddHttpClientInstrumentation());

        // Without a connection string (a local `func start`) nothing is exported, instead of failing the start.
        if (!string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter(o =>
            {
                if (configuration["Storage:ManagedIdentityClientId"] is { Length: > 0 } clientId)
                {
                    o.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }
        return services;
    }
}
