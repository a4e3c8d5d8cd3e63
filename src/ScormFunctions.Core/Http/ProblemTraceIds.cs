using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ScormFunctions.Core.Http;

/// <summary>
/// Every problem response carries <c>traceId</c> (the W3C id of the current span, as ASP.NET Core's own problems do),
/// so a caller's report leads straight to the trace. <c>Results.Problem</c> writes through <see cref="IProblemDetailsService"/>
/// when one is registered, so this one customization covers <see cref="Problems"/> and every other problem we return, in both hosts.
/// </summary>
public static class ProblemTraceIds
{
    public const string Extension = "traceId";

    public static IServiceCollection AddScormProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd(Extension, Activity.Current?.Id ?? context.HttpContext.TraceIdentifier));
}
