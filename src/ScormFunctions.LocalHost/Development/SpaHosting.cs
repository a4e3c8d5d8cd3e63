using Microsoft.Extensions.FileProviders;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// Serves the sample single-page app (<c>samples/spa</c>) at <c>/</c> in the Development environment only. The folder
/// is <c>Spa:Path</c> when set, otherwise found by walking up from the content root to the repository
/// (<c>ScormFunctions.sln</c>), so it works from <c>dotnet run</c>, the build output and test hosts alike.
/// Also serves what the app needs to sign in: <c>/spa-config.json</c> (the OpenID Connect authority, client id and
/// scope from <c>Oidc:*</c>) and the browser build of <c>oidc-client-ts</c> at <c>/vendor/oidc-client-ts/</c>, from
/// <c>tools/oidc/node_modules</c> (installed by <c>scripts/oidc.sh install</c>; never a CDN).
/// </summary>
public static class SpaHosting
{
    public const string PathKey = "Spa:Path";

    public const string OidcClientRequestPath = "/vendor/oidc-client-ts";

    public const string DefaultClientId = "scormfunctions-spa";

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
        app.MapGet("/spa-config.json", (IConfiguration configuration) => Results.Json(SpaConfiguration.From(configuration)))
            .ExcludeFromDescription();
        var library = LocateOidcClient(app.Environment.ContentRootPath);
        if (library is not null)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(library),
                RequestPath = OidcClientRequestPath,
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
            });
        }
        else
        {
            logger.LogWarning("oidc-client-ts not found under tools/oidc/node_modules: run scripts/oidc.sh install to sign in with OpenID Connect");
        }
        logger.LogInformation("Sample SPA served at / from {Root}", root);
        return app;
    }

    /// <summary><c>tools/oidc/node_modules/oidc-client-ts/dist/browser</c> in the repository, or null.</summary>
    public static string? LocateOidcClient(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScormFunctions.sln")))
            {
                var browser = Path.Combine(dir.FullName, "tools", "oidc", "node_modules", "oidc-client-ts", "dist", "browser");
                return File.Exists(Path.Combine(browser, "oidc-client-ts.min.js")) ? browser : null;
            }
        }
        return null;
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

/// <summary>What the sample app reads at start-up: how to sign in.</summary>
public sealed record SpaConfiguration(SpaOidcConfiguration? Oidc, bool DevelopmentTokens)
{
    public static SpaConfiguration From(IConfiguration configuration)
    {
        var authority = DevelopmentDefaults.OidcAuthority(configuration);
        var audience = configuration["Auth:Audience"] is { Length: > 0 } a ? a : DevelopmentDefaults.Audience;
        var oidc = authority is null ? null : new SpaOidcConfiguration(
            authority,
            configuration["Oidc:ClientId"] is { Length: > 0 } clientId ? clientId : SpaHosting.DefaultClientId,
            configuration["Oidc:Scope"] is { Length: > 0 } scope ? scope : $"openid profile offline_access {audience}/access_as_user",
            int.TryParse(configuration["Oidc:RenewSecondsBeforeExpiry"], System.Globalization.CultureInfo.InvariantCulture, out var renew) && renew > 0 ? renew : 60);
        return new SpaConfiguration(oidc, DevelopmentTokens: true);
    }
}

/// <summary>
/// The OpenID Connect settings of the app: the same three values for the local provider and Entra ID, and how long
/// before the access token expires the app renews it (<c>Oidc:RenewSecondsBeforeExpiry</c>, default 60).
/// </summary>
public sealed record SpaOidcConfiguration(string Authority, string ClientId, string Scope, int RenewSecondsBeforeExpiry);
