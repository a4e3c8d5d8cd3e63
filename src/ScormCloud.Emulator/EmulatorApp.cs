using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Courses;
using ScormCloud.Emulator.Faults;
using ScormCloud.Emulator.Imports;
using ScormCloud.Emulator.Learners;
using ScormCloud.Emulator.Player;
using ScormCloud.Emulator.Postbacks;
using ScormCloud.Emulator.Registrations;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator;

/// <summary>Builds the emulator app; used by Program.cs and by tests that host it in-process.</summary>
public static class EmulatorApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddEmulatorServices();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseMiddleware<BasicAuthMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.MapEmulatorEndpoints();
        return app;
    }

    private static void AddEmulatorServices(this IServiceCollection services)
    {
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.Section)
            .Validate(o => o.PageSize >= 1, "Emulator:PageSize must be at least 1.")
            .Validate(o => o.Postbacks.MaxAttempts >= 1, "Emulator:Postbacks:MaxAttempts must be at least 1.")
            .Validate(o => o.Postbacks.DropRate is >= 0 and <= 1, "Emulator:Postbacks:DropRate must be between 0 and 1.")
            .Validate(o => o.ImportDuration >= TimeSpan.Zero, "Emulator:ImportDuration must not be negative.")
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = ApiJson.Options.DefaultIgnoreCondition);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmulatorStore>();
        services.AddSingleton<DataDirectory>();
        services.AddSingleton<FaultState>();
        services.AddSingleton<ImportJobFactory>();
        services.AddSingleton<ImportProcessor>();
        services.AddSingleton<ImportPostback>();
        services.AddSingleton<PackageFetcher>();
        services.AddSingleton<CourseRemover>();
        services.AddSingleton<PostbackQueue>();
        services.AddSingleton<PostbackSender>();
        services.AddSingleton<RegistrationPostbacks>();
        services.AddHostedService<PostbackService>();
        // Postbacks never follow redirects (3xx counts as delivered); fetches stay on the loopback host they were given.
        services.AddHttpClient(PostbackSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHttpClient(PackageFetcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    private static void MapEmulatorEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v2");
        api.MapGet("/ping", (TimeProvider time) =>
            ApiResults.Json(new { apiMessage = "pong (SCORM Cloud emulator)", currentTime = ApiJson.Date(time.GetUtcNow()) }));
        api.MapImportEndpoints();
        api.MapCourseEndpoints();
        api.MapCourseConfigurationEndpoints();
        api.MapRegistrationEndpoints();
        api.MapRegistrationInstanceEndpoints();
        api.MapRegistrationConfigurationEndpoints();
        api.MapPostbackTestEndpoint();
        api.MapLaunchLinkEndpoint();
        api.MapLearnerEndpoints();
        app.MapLaunchEndpoints();
        app.MapCommitEndpoints();
        app.MapContentEndpoints();
        app.MapFaultEndpoints();
        app.MapPostbackSwitchEndpoints();
    }
}
