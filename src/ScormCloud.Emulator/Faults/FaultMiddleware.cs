using System.Globalization;
using ScormCloud.Emulator.Api;

namespace ScormCloud.Emulator.Faults;

/// <summary>Injects latency, 429s and 500/503s into authenticated <c>/api/v2</c> calls.</summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultState faults, ILogger<FaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api/v2"))
        {
            await next(context);
            return;
        }
        var f = faults.Current;
        if (f.Latency > TimeSpan.Zero) await Task.Delay(f.Latency, context.RequestAborted);
        if (f.TooManyRequestsRate > 0 && Random.Shared.NextDouble() < f.TooManyRequestsRate)
        {
            logger.LogInformation("Fault: 429 for {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = f.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ApiResults.Message(StatusCodes.Status429TooManyRequests, "Too many requests (emulated fault).").ExecuteAsync(context);
            return;
        }
        if (f.ErrorRate > 0 && Random.Shared.NextDouble() < f.ErrorRate)
        {
            var status = Random.Shared.Next(2) == 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            logger.LogInformation("Fault: {Status} for {Method} {Path}", status, context.Request.Method, context.Request.Path);
            await ApiResults.Message(status, "Internal server error (emulated fault).").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
