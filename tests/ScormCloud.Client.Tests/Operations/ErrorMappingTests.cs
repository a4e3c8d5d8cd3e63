using System.Net;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

public sealed class ErrorMappingTests : IDisposable
{
    private readonly ClientHarness _harness = new(new Dictionary<string, string?> { ["ScormCloud:MaxRetryAttempts"] = "1" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task MessageSchemaBecomesServiceMessage()
    {
        _harness.Handler.Enqueue(HttpStatusCode.BadRequest, """{"message":"redirectOnExitUrl is not a valid URL"}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.BuildLaunchLinkAsync("r1", new Models.LaunchLinkRequest("bad"), Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal("redirectOnExitUrl is not a valid URL", error.ServiceMessage);
        Assert.False(error.IsAlreadyExists);
        Assert.Contains("POST /api/v2/registrations/r1/launchLink", error.Message, StringComparison.Ordinal);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnauthorizedErrorShapeIsRead()
    {
        _harness.Handler.Enqueue(HttpStatusCode.Unauthorized, """{"error":"Authorization Required."}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.PingAsync(Ct));

        Assert.Equal(401, error.Status);
        Assert.True(error.IsUnauthorized);
        Assert.Equal("Authorization Required.", error.ServiceMessage);
        Assert.DoesNotContain(ClientHarness.SecretKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonErrorBodyIsKeptAsText()
    {
        _harness.Handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<html>denied</html>") });

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.GetCourseAsync("c1", Ct));

        Assert.Equal(403, error.Status);
        Assert.Equal("<html>denied</html>", error.ServiceMessage);
    }

    [Fact]
    public async Task NotFoundIsFlagged()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NotFound, """{"message":"Could not find course [c1]"}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.GetCourseAsync("c1", Ct));

        Assert.True(error.IsNotFound);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task ServerErrorAfterRetriesIsTransient()
    {
        _harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.InternalServerError, """{"message":"boom"}"""));

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.GetCourseAsync("c1", Ct));

        Assert.Equal(500, error.Status);
        Assert.True(error.IsTransient);
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task TransportFailureHasStatusZero()
    {
        _harness.Handler.EnqueueException(new HttpRequestException("connection refused"));

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.TestPostbackAsync(
            new Models.PostBackSettings { Url = new Uri("https://hooks.example.test/") }, Ct));

        Assert.Equal(0, error.Status);
        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task MalformedSuccessBodyIsAScormCloudException()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, "{not json");

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.GetCourseAsync("c1", Ct));

        Assert.Equal(200, error.Status);
    }
}
