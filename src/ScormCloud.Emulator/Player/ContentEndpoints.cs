using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Player;

/// <summary>Extracted package files under <c>/content/{key}/…</c> and the player's scripts under <c>/lib/</c>.</summary>
public static class ContentEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapContentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/content/{key}/{**path}", (string key, string? path, DataDirectory data) =>
        {
            var root = Path.GetFullPath(data.ContentDirectory(key)) + Path.DirectorySeparatorChar;
            var file = Path.GetFullPath(Path.Combine(root, path ?? ""));
            if (!file.StartsWith(root, StringComparison.Ordinal) || !File.Exists(file)) return Results.NotFound();
            var type = ContentTypes.TryGetContentType(file, out var t) ? t : "application/octet-stream";
            return Results.File(file, type, enableRangeProcessing: true);
        });

        app.MapGet("/lib/{name}", (string name) =>
        {
            if (name is not ("scorm-again.min.js" or "player.js")) return Results.NotFound();
            var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name);
            return stream is null ? Results.NotFound() : Results.Stream(stream, "text/javascript; charset=utf-8");
        });
    }
}
