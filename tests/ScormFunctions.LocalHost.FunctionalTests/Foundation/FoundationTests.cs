using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ScormFunctions.LocalHost.FunctionalTests.Foundation;

/// <summary>Issue 2's done-when, through real HTTP: health, the authorization boundary, id validation.</summary>
public sealed class FoundationTests : IAsyncLifetime
{
    private LocalHostServer server = null!;

    public async ValueTask InitializeAsync() => server = await LocalHostServer.StartAsync();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task LivenessChecksNothingSoItAnswersWhileStorageIsUnreachable()
    {
        // Storage on a closed port: readiness is 503, liveness still 200.
        await using var broken = await LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        });
        using var live = await broken.Client.GetAsync("api/health/live", TestContext.Current.CancellationToken);
        using var ready = await broken.Client.GetAsync("api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("alive", (await live.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task HealthReportsStorageHealthy()
    {
        var response = await server.Client.GetAsync("api/health", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("scormCloud").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AdminTokenListsCourses()
    {
        using var admin = await server.ClientForAsync("ada", "admin");

        var response = await admin.GetAsync("api/courses", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task LearnerTokenIsForbiddenFromCourseList()
    {
        using var learner = await server.ClientForAsync("learner-1", "learner");

        var response = await learner.GetAsync("api/courses", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MissingTokenIsUnauthorized()
    {
        var response = await server.Client.GetAsync("api/courses", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TamperedTokenIsUnauthorized()
    {
        var token = await server.TokenAsync("learner-1", "learner");
        var parts = token.Split('.');
        // Swap in a payload that claims the admin role, keeping the learner's signature.
        var forgedPayload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { sub = "learner-1", roles = "admin", aud = "api://scormfunctions-test", iss = "https://scormfunctions.local/test", exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() }));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/courses");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"{parts[0]}.{forgedPayload}.{parts[2]}");

        var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TokenFromAnotherKeyIsUnauthorized()
    {
        await using var other = await LocalHostServer.StartAsync();
        var foreign = await other.TokenAsync("ada", "admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/courses");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", foreign);

        var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("a%23b")]
    [InlineData("a%3Fb")]
    [InlineData("a%5Cb")]
    [InlineData("a%01b")]
    public async Task CourseIdWithForbiddenCharacterIsBadRequest(string encodedId)
    {
        using var admin = await server.ClientForAsync("ada", "admin");

        var response = await admin.GetAsync($"api/courses/{encodedId}", TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("courseId", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CourseIdLongerThan255IsBadRequestAnd255IsNotFound()
    {
        using var admin = await server.ClientForAsync("ada", "admin");

        var tooLong = await admin.GetAsync($"api/courses/{new string('x', 256)}", TestContext.Current.CancellationToken);
        var longest = await admin.GetAsync($"api/courses/{new string('x', 255)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, longest.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocumentListsTheApi()
    {
        var document = await server.Client.GetFromJsonAsync<JsonElement>("api/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/courses", out _));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
