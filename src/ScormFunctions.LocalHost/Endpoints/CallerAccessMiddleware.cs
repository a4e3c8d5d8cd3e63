using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>
/// Resolves the caller an endpoint declares (<see cref="ApiEndpoint.Callers"/>, put on it by <see cref="ApiEndpointMapping.MapApi"/>)
/// after routing and before the endpoint binds its parameters: an unauthenticated request is answered without its body
/// being read. The Functions app does the same in a worker middleware.
/// </summary>
public sealed class CallerAccessMiddleware(RequestDelegate next, AccessControl access)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpoint>() is { } endpoint
            && await access.AuthorizeAsync(context, endpoint.Callers) is { } denied)
        {
            await denied.ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}

public static class ApiEndpointMapping
{
    /// <summary>Maps one entry of <see cref="ApiEndpoints"/>: its method, route (under the <c>api</c> group), name and callers.</summary>
    public static RouteHandlerBuilder MapApi(this IEndpointRouteBuilder api, ApiEndpoint endpoint, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return api.MapMethods(endpoint.Route, [endpoint.Method], handler).WithName(endpoint.Name).WithMetadata(endpoint);
    }

    public static IApplicationBuilder UseCallerAccess(this IApplicationBuilder app) => app.UseMiddleware<CallerAccessMiddleware>();
}
