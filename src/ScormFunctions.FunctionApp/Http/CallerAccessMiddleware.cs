using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.FunctionApp.Http;

/// <summary>
/// The Functions counterpart of the local host's caller middleware: before an HTTP function runs, the callers its entry
/// in <see cref="ApiEndpoints"/> (found by function name) declares are resolved on the request's <c>HttpContext</c> —
/// 401/403/503 problems are answered here, and the function reads the caller with <c>GetCaller()</c>. An HTTP function
/// without an entry fails (500) rather than run unchecked.
/// </summary>
internal sealed class CallerAccessMiddleware(AccessControl access) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            var name = context.FunctionDefinition.Name;
            if (!ApiEndpoints.ByName.TryGetValue(name, out var endpoint))
            {
                throw new InvalidOperationException($"HTTP function {name} has no entry in ApiEndpoints: declare who may call it.");
            }
            if (await access.AuthorizeAsync(http, endpoint.Callers) is { } denied)
            {
                await denied.ExecuteAsync(http);
                return;
            }
        }
        await next(context);
    }
}
