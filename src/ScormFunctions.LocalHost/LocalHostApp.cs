using ScormFunctions.LocalHost.Endpoints;

namespace ScormFunctions.LocalHost;

/// <summary>Builds the local host; Program.cs runs it and tests host it on a free loopback port.</summary>
public static class LocalHostApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        builder.AddLocalHostServices();

        var app = builder.Build();
        app.UseLocalHostPipeline();
        app.MapScormFunctionsApi();
        return app;
    }
}
