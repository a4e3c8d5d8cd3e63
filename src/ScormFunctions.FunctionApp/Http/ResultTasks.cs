using Microsoft.AspNetCore.Http;

namespace ScormFunctions.FunctionApp.Http;

/// <summary>
/// The core's endpoints return typed results (<c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>, for the OpenAPI
/// document); HTTP functions declare <c>Task&lt;IResult&gt;</c>, the return type the worker's ASP.NET Core integration
/// executes, so the generated function metadata stays the same for every trigger.
/// </summary>
internal static class ResultTasks
{
    public static async Task<IResult> AsResult<TResult>(this Task<TResult> result)
        where TResult : IResult => await result.ConfigureAwait(false);
}
