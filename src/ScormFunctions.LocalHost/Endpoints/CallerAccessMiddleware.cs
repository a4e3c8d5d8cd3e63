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
    /// <summary>
    /// Maps one entry of <see cref="ApiEndpoints"/>: its method, route (under the <c>api</c> group), name and callers, and
    /// in the OpenAPI document the problems the edge answers with (401, 403, 503 when the identity provider is down).
    /// </summary>
    public static RouteHandlerBuilder MapApi(this IEndpointRouteBuilder api, ApiEndpoint endpoint, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = api.MapMethods(endpoint.Route, [endpoint.Method], handler).WithName(endpoint.Name).WithMetadata(endpoint);
        if (endpoint.Callers is CallerAccess.Authenticated or CallerAccess.Admin)
        {
            builder.ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }
        return builder;
    }

    /// <summary>In the OpenAPI document: the endpoint reads a JSON body of <typeparamref name="TBody"/> (it reads it itself, so a bad body is a problem, not a binding exception).</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder)
        where TBody : notnull => builder.Accepts<TBody>("application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static IApplicationBuilder UseCallerAccess(this IApplicationBuilder app) => app.UseMiddleware<CallerAccessMiddleware>();
}
