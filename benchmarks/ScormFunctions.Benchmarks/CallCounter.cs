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
