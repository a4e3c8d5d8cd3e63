using Microsoft.Extensions.FileProviders;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// Serves the sample single-page app (<c>samples/spa</c>) at <c>/</c> in the Development environment only. The folder
/// is <c>Spa:Path</c> when set, otherwise found by walking up from the content root to the repository
/// (<c>ScormFunctions.sln</c>), so it works from <c>dotnet run</c>, the build output and test hosts alike.
/// </summary>
public static class SpaHosting
{
    public const string PathKey = "Spa:Path";

    public static WebApplication UseSampleSpa(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment()) return app;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SpaHosting).FullName!);
        var root = Locate(app.Configuration[PathKey], app.Environment.ContentRootPath);
        if (root is null)
        {
            logger.LogInformation("Sample SPA not served: samples/spa not found above {ContentRoot} (set {Key})", app.Environment.ContentRootPath, PathKey);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                // Launch URLs are signed: never leak page URLs to other origins.
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        logger.LogInformation("Sample SPA served at / from {Root}", root);
        return app;
    }

    /// <summary>The SPA folder, or null when there is none.</summary>
    public static string? Locate(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured, contentRoot);
            return File.Exists(Path.Combine(full, "index.html")) ? full : null;
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScormFunctions.sln")))
            {
                var spa = Path.Combine(dir.FullName, "samples", "spa");
                return File.Exists(Path.Combine(spa, "index.html")) ? spa : null;
            }
        }
        return null;
    }
}
