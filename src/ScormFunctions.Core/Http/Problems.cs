using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ScormFunctions.Core.Http;

/// <summary>
/// RFC 9457 problem details for every error we return, typed (<see cref="ProblemHttpResult"/>, what <c>Results.Problem</c>
/// returns too) so that endpoints can declare <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c> and the OpenAPI document
/// carries their response schemas.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, string title = "The request is not valid.") =>
        TypedResults.Problem(detail: detail, title: title, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>400 with the invalid fields under <c>errors</c> (what <c>Results.ValidationProblem</c> writes).</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Title = "The request is not valid.",
            Detail = detail,
            Status = StatusCodes.Status400BadRequest,
        });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, title: "Not found.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, title: "Conflict.", statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Unprocessable(string detail, string title = "The content cannot be processed.") =>
        TypedResults.Problem(detail: detail, title: title, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static ProblemHttpResult UnsupportedMediaType(string? given, string expected = "The body must be JSON (Content-Type: application/json).") =>
        TypedResults.Problem(
            detail: $"{expected} Got {(string.IsNullOrEmpty(given) ? "no Content-Type" : $"'{given}'")}.",
            title: "Unsupported media type.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(detail: detail, title: "Too many requests.", statusCode: StatusCodes.Status429TooManyRequests);

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail: detail, title: "Authentication required.", statusCode: StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, title: "Forbidden.", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail: detail, title: "A dependency is unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable);

    public static ProblemHttpResult BadGateway(string detail) =>
        TypedResults.Problem(detail: detail, title: "SCORM Cloud refused the request.", statusCode: StatusCodes.Status502BadGateway);

    /// <summary>The same result with one response header more (<c>WWW-Authenticate</c>, <c>Retry-After</c>).</summary>
    public static IResult WithHeader(this IResult result, string name, string value) => new HeaderResult(result, name, value);

    /// <summary>Validates an id from the route; null when valid.</summary>
    public static ProblemHttpResult? InvalidId(string? id, string name) =>
        ResourceId.Validate(id, name) is { } message ? BadRequest(message, $"Invalid {name}.") : null;

    private sealed class HeaderResult(IResult inner, string name, string value) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
