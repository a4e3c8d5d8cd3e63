using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.LocalHost.Telemetry;

/// <summary>
/// OpenTelemetry in the local host: ASP.NET Core, HttpClient (SCORM Cloud, the emulator), the Azure SDK (Azurite) and
/// our own source and meter. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads the standard
/// OTEL_* variables itself); to the console only with Telemetry:Console=true, because every span on stdout drowns the logs.
/// With neither, spans and metrics are still produced for in-process listeners (tests) and cost little.
/// </summary>
public static class LocalTelemetry
{
    public const string ConsoleSetting = "Telemetry:Console";

    public static WebApplicationBuilder AddLocalTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The Azure SDK emits its spans through ActivitySource only when this switch is on (still "experimental").
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = builder.Configuration.GetValue<bool>(ConsoleSetting);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "ScormFunctions.LocalHost"))
            .WithTracing(t =>
            {
                t.AddSource(ScormTelemetry.Name, "Azure.*")
                    .SetSampler(new ParentBasedSampler(new NoRootHttpClientSampler(), remoteParentNotSampled: new AlwaysOnSampler()))
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp) t.AddOtlpExporter();
                if (console) t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(ScormTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp) m.AddOtlpExporter();
                if (console) m.AddConsoleExporter();
            });
        if (otlp) telemetry.WithLogging(l => l.AddOtlpExporter(), o => o.IncludeScopes = true);
        return builder;
    }

    /// <summary>
    /// Drops HTTP client spans that have no parent: every call of ours runs inside a request, an orchestration step or a
    /// sweep, so those are the Durable Task engine polling its queues and tables, several a second, which would bury the
    /// real traces in any viewer. Everything else is sampled, and local children follow their parent. Every request this
    /// host serves is recorded even when its caller chose not to sample (a dropped root client span in the same process,
    /// such as a test's HttpClient, sends "not sampled"): locally nothing is worth hiding.
    /// </summary>
    private sealed class NoRootHttpClientSampler : Sampler
    {
        private const string HttpClientOperation = "System.Net.Http.HttpRequestOut";

        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Name == HttpClientOperation ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
