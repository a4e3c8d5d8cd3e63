using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ScormFunctions.Core.Http;

/// <summary>
/// Reads a JSON request body: a Content-Type other than <c>application/json</c> (or <c>+json</c>) is 415 — a browser can
/// send <c>text/plain</c> cross-site without a preflight, so accepting it would open CSRF once cookies authenticate — and
/// bad JSON is a 400 problem.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0 && string.IsNullOrEmpty(request.ContentType)) return (null, Problems.BadRequest("A JSON body is required."));
        if (!IsJson(request.ContentType)) return (null, Problems.UnsupportedMediaType(request.ContentType));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            return value is null ? (null, Problems.BadRequest("A JSON body is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"The body is not valid JSON for this request: {ex.Message}"));
        }
    }

    /// <summary>True for <c>application/json</c> and <c>application/*+json</c>, with any parameters (charset).</summary>
    public static bool IsJson(string? contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var type = media.MediaType.Value ?? "";
        return string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
