using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ScormFunctions.Core.Http;

/// <summary>Reads a JSON request body, turning bad JSON into a 400 problem.</summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength == 0) return (null, Problems.BadRequest("A JSON body is required."));
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
}
