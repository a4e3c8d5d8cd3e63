using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace ScormFunctions.FunctionApp.Http;

/// <summary>
/// The Functions counterpart of the local host's <c>UseExceptionHandler()</c> + problem details: an exception escaping
/// an HTTP function becomes an RFC 9457 problem (500, with the trace id) instead of the host's bare 500. The exception
/// is logged with the function's name; nothing of it reaches the caller.
/// </summary>
internal sealed partial class ProblemDetailsMiddleware(ILogger<ProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            LogUnhandled(logger, ex, context.FunctionDefinition.Name);
            http.Response.Clear();
            await Results.Problem(
                title: "An unexpected error occurred.",
                statusCode: StatusCodes.Status500InternalServerError,
                extensions: new Dictionary<string, object?> { ["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier })
                .ExecuteAsync(http);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string functionName);
}
