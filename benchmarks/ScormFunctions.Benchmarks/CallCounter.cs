using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ScormFunctions.Benchmarks;

/// <summary>Counts the emulator's SCORM Cloud API requests (<c>/api/v2/…</c>), whoever makes them.</summary>
internal sealed class CallCounter : IStartupFilter
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    /// <summary>"METHOD path" of every counted call, in arrival order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>
    /// The counted calls after the first <paramref name="skip"/>, by operation (method and path with ids as {id}), each
    /// as calls per <paramref name="per"/> operations of the bench: where the calls per import go.
    /// </summary>
    public string ByOperation(int skip, int per) => string.Join(", ", Calls.Skip(skip)
        .Select(Operation)
        .GroupBy(o => o)
        .OrderByDescending(g => g.Count())
        .Select(g => $"{g.Key} {(double)g.Count() / per:F2}"));

    /// <summary>"GET /api/v2/courses/importJobs/abc?x=1" → "GET courses/importJobs/{id}" (the api/v2 segments are known words).</summary>
    private static string Operation(string call)
    {
        var space = call.IndexOf(' ', StringComparison.Ordinal);
        var path = call[(space + 1)..].Split('?')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(s => Words.Contains(s) ? s : "{id}");
        return call[..space] + " " + string.Join('/', segments);
    }

    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "courses", "importJobs", "upload", "registrations", "instances", "progress", "configuration", "launchLink",
        "learners", "versions", "detail", "xapiStatements", "postback", "ping", "appManagement", "dispatch",
    };

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            if (context.Request.Path.StartsWithSegments("/api/v2")) {
                    Interlocked.Increment(ref count);
                    Calls.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
                }
            await inner(context);
        });
        next(app);
    };
}
