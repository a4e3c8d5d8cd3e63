using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Launch;

/// <summary>
/// Answers of the anonymous launch URL: a 302 that is never cached, or an error a learner can act on — an HTML page
/// for browsers (Accept: text/html), a problem for API clients.
/// </summary>
public static class LaunchPage
{
    public static IResult Redirect(Uri target) => new NoStoreRedirect(target);

    public static IResult Error(HttpRequest request, int status, string title, string detail)
    {
        var accept = request.Headers.Accept.ToString();
        if (!accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(detail: detail, title: title, statusCode: status);
        }
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="robots" content="noindex"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(detail)}</p>
            </body>
            </html>
            """;
        return new HtmlPage(status, html);
    }

    private sealed class NoStoreRedirect(Uri target) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status302Found;
            response.Headers.Location = target.AbsoluteUri;
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }
    }

    private sealed class HtmlPage(int status, string html) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            await response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
