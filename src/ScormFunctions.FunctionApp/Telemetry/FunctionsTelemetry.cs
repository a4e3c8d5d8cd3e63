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
        // The Azure SDK's logs reach ILogger through the client factory (AddAzureClients). Azure.Core logs every request
        // (Information, which the spans already show) and every 4xx as a warning, expected ones included (the 409 of a
        // create-if-missing, a racing insert); errors that matter reach our code as exceptions. Azure.Identity's stay.
        services.AddLogging(l => l.AddFilter("Azure", LogLevel.Warning).AddFilter("Azure.Core", LogLevel.Error));
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
