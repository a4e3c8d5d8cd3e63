using Microsoft.AspNetCore.Http;

namespace ScormFunctions.Core.Http;

/// <summary>RFC 9457 problem details for every error we return.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail, string title = "The request is not valid.") =>
        Results.Problem(detail: detail, title: title, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail: detail, title: "The request is not valid.");

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, title: "Not found.", statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, title: "Conflict.", statusCode: StatusCodes.Status409Conflict);

    public static IResult Unprocessable(string detail, string title = "The content cannot be processed.") =>
        Results.Problem(detail: detail, title: title, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult UnsupportedMediaType(string? given, string expected = "The body must be JSON (Content-Type: application/json).") =>
        Results.Problem(
            detail: $"{expected} Got {(string.IsNullOrEmpty(given) ? "no Content-Type" : $"'{given}'")}.",
            title: "Unsupported media type.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static IResult TooManyRequests(string detail) =>
        Results.Problem(detail: detail, title: "Too many requests.", statusCode: StatusCodes.Status429TooManyRequests);

    public static IResult Unauthorized(string detail) =>
        Results.Problem(detail: detail, title: "Authentication required.", statusCode: StatusCodes.Status401Unauthorized);

    public static IResult Forbidden(string detail) =>
        Results.Problem(detail: detail, title: "Forbidden.", statusCode: StatusCodes.Status403Forbidden);

    public static IResult Unavailable(string detail) =>
        Results.Problem(detail: detail, title: "A dependency is unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable);

    public static IResult BadGateway(string detail) =>
        Results.Problem(detail: detail, title: "SCORM Cloud refused the request.", statusCode: StatusCodes.Status502BadGateway);

    /// <summary>The same result with one response header more (<c>WWW-Authenticate</c>, <c>Retry-After</c>).</summary>
    public static IResult WithHeader(this IResult result, string name, string value) => new HeaderResult(result, name, value);

    /// <summary>Validates an id from the route; null when valid.</summary>
    public static IResult? InvalidId(string? id, string name) =>
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
