using ScormFunctions.Core;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Http;
using ScormFunctions.LocalHost.Development;
using ScormFunctions.LocalHost.Durable;
using ScormFunctions.LocalHost.Security;
using ScormFunctions.LocalHost.Storage;
using ScormFunctions.LocalHost.Telemetry;

namespace ScormFunctions.LocalHost;

/// <summary>Service registration and pipeline of the local host (the Functions shell does the same with triggers).</summary>
public static class LocalHostExtensions
{
    public const string CorsPolicy = "spa";

    public static WebApplicationBuilder AddLocalHostServices(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            DevelopmentDefaults.Apply(builder.Configuration, builder.Environment);
            if (DevEventInbox.IsEnabled(builder.Configuration, builder.Environment))
            {
                DevEventInbox.Subscribe(builder.Configuration);
                builder.Services.AddSingleton<DevEventInbox>();
            }
        }
        builder.Services.AddScormFunctionsCore(builder.Configuration);
        builder.AddLocalTelemetry();
        builder.Services.AddHostedService<ScormFunctions.LocalHost.Registrations.RegistrationSweepService>();
        builder.Services.AddHostedService<ScormFunctions.LocalHost.Registrations.RegistrationReconcileService>();
        builder.Services.AddHostedService<ScormFunctions.LocalHost.Events.OutboxDispatchService>();
        builder.Services.AddLocalDurableEngine(builder.Configuration);
        builder.Services.AddHostedService<UploadRetentionService>();
        builder.AddAzuriteCors();
        builder.Services.AddScormProblemDetails();
        builder.Services.AddAnonymousRateLimiting();
        builder.Services.AddOpenApi();
        var origins = builder.Configuration.GetSection(AppOptions.SectionName).Get<AppOptions>()?.AllowedOriginList ?? [];
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.WithOrigins([.. origins]).AllowAnyHeader().AllowAnyMethod()));
        return builder;
    }

    public static WebApplication UseLocalHostPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseCors(CorsPolicy);
        app.UseSampleSpa();
        app.MapOpenApi("/api/openapi/{documentName}.json");
        return app;
    }
}
