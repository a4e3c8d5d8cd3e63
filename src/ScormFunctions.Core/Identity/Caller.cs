using Microsoft.AspNetCore.Http;

namespace ScormFunctions.Core.Identity;

/// <summary>An authenticated caller: <see cref="Subject"/> is the learner id for learners.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, bool IsAdmin)
{
    /// <summary>Admins see everything; anyone else only records whose learner id is their subject.</summary>
    public bool CanAccessLearner(string learnerId) => IsAdmin || string.Equals(Subject, learnerId, StringComparison.Ordinal);

    /// <summary>
    /// Minimal API binding of a <see cref="Caller"/> parameter: the caller the edge resolved before binding
    /// (<see cref="AccessControl"/>).
    /// </summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(context.GetCaller());
}

/// <summary>Where the edge leaves the caller for the endpoint: a feature of the request.</summary>
public static class CallerHttpContextExtensions
{
    /// <summary>The caller <see cref="AccessControl.AuthorizeAsync"/> resolved; throws when the endpoint declared no authenticated callers.</summary>
    public static Caller GetCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Caller>()
            ?? throw new InvalidOperationException(
                $"{context.Request.Method} {context.Request.Path} has no resolved caller: its ApiEndpoints entry must require Authenticated or Admin callers.");
    }

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Features.Set(caller);
}
