using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ScormFunctions.Core.Http;

/// <summary>A page of results with an opaque token for the next one (null on the last page).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>Reads <c>pageSize</c> (1–200, default 50) and <c>continuationToken</c> from the query string.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static (int PageSize, string? ContinuationToken, ProblemHttpResult? Problem) Read(HttpRequest request)
    {
        var token = request.Query["continuationToken"].ToString();
        var sizeText = request.Query["pageSize"].ToString();
        if (sizeText.Length == 0) return (DefaultPageSize, token.Length == 0 ? null : token, null);
        if (!int.TryParse(sizeText, out var size) || size < 1 || size > MaxPageSize)
        {
            return (0, null, Problems.BadRequest($"pageSize must be a whole number from 1 to {MaxPageSize}."));
        }
        return (size, token.Length == 0 ? null : token, null);
    }
}
