using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScormFunctions.LocalHost.FunctionalTests.Foundation;

/// <summary>
/// <c>docs/openapi.json</c> is the API as the local host describes it (<c>/api/openapi/v1.json</c>, both hosts serve the
/// same endpoints): routes, request and response schemas, problems. Changing the API without regenerating it fails here.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private const string Regenerate = "UPDATE_OPENAPI=1 dotnet test tests/ScormFunctions.LocalHost.FunctionalTests --filter OpenApi_document";

    private static string CheckedIn => Path.Combine(RepoPaths.Root, "docs", "openapi.json");

    [Fact]
    public async Task OpenApi_document_in_docs_is_the_one_the_api_serves()
    {
        await using var server = await LocalHostServer.StartAsync();
        var live = Normalize(await server.Client.GetStringAsync("api/openapi/v1.json", TestContext.Current.CancellationToken));

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(CheckedIn, live, TestContext.Current.CancellationToken);
        var expected = File.Exists(CheckedIn) ? (await File.ReadAllTextAsync(CheckedIn, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n") : "";

        Assert.True(expected == live, $"docs/openapi.json differs from the API's document{FirstDifference(expected, live)}. Regenerate it: {Regenerate}");
    }

    /// <summary>Without what varies by run or host: the servers (ports) and the development-only token endpoint.</summary>
    private static string Normalize(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        document["paths"]!.AsObject().Remove("/api/dev/tokens");
        if (document["tags"] is JsonArray tags)
        {
            foreach (var development in tags.Where(t => t?["name"]?.GetValue<string>() == "Development").ToList()) tags.Remove(development);
        }
        if (document["components"]?["schemas"] is JsonObject schemas)
        {
            schemas.Remove("DevTokenRequest");
            schemas.Remove("DevTokenResponse");
        }
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static string FirstDifference(string expected, string live)
    {
        var (a, b) = (expected.Split('\n'), live.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "<end>", i < b.Length ? b[i] : "<end>");
            if (x != y) return $" (line {i + 1}: checked in '{x.Trim()}', served '{y.Trim()}')";
        }
        return "";
    }
}
