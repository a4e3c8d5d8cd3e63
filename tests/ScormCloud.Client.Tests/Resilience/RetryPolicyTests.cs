using System.Diagnostics;
using System.Net;
using ScormCloud.Client.Models;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Resilience;

public sealed class RetryPolicyTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GetIsRetriedAfter503()
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.ServiceUnavailable, """{"message":"busy"}""")
            .Enqueue(HttpStatusCode.OK, """{"id":"c1"}""");

        var course = await _harness.Client.GetCourseAsync("c1", Ct);

        Assert.Equal("c1", course.Id);
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task GetHonoursRetryAfterOn429()
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(1)))
            .Enqueue(HttpStatusCode.OK, """{"apiMessage":"ok"}""");

        var stopwatch = Stopwatch.StartNew();
        await _harness.Client.PingAsync(Ct);

        Assert.Equal(2, _harness.Handler.Requests.Count);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task HeadAndDeleteAreRetriedOnTransientStatuses(HttpStatusCode status)
    {
        _harness.Handler.Enqueue(status).Enqueue(HttpStatusCode.OK).Enqueue(status).Enqueue(HttpStatusCode.NoContent);

        Assert.True(await _harness.Client.RegistrationExistsAsync("r1", Ct));
        await _harness.Client.DeleteRegistrationAsync("r1", Ct);

        Assert.Equal(4, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task TransportErrorsOnGetAreRetried()
    {
        _harness.Handler.EnqueueException(new HttpRequestException("reset")).Enqueue(HttpStatusCode.OK, """{"jobId":"j","status":"RUNNING"}""");

        var job = await _harness.Client.GetImportJobStatusAsync("j", Ct);

        Assert.Equal(ImportJobStatus.Running, job.Status);
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task ClientErrorsAreNotRetried()
    {
        _harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.BadRequest, """{"message":"no"}"""));

        await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.GetRegistrationProgressAsync("r1", cancellationToken: Ct));

        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task RetriesStopAfterMaxRetryAttempts()
    {
        _harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.ServiceUnavailable));

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.PingAsync(Ct));

        Assert.Equal(503, error.Status);
        Assert.Equal(1 + 3, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task UploadIsNeverRetried()
    {
        _harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.ServiceUnavailable));
        using var package = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateUploadImportJobAsync("c1", package, cancellationToken: Ct));

        Assert.Equal(503, error.Status);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task UploadTransportFailureIsNotRetried()
    {
        _harness.Handler.Fallback = (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("reset"));
        using var package = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateUploadImportJobAsync("c1", package, cancellationToken: Ct));

        Assert.Equal(0, error.Status);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task FetchImportIsNotRetried()
    {
        _harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.BadGateway));

        await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateFetchImportJobAsync("c1", new Uri("https://storage.example.test/p.zip"), cancellationToken: Ct));

        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task TestPostbackIsNotRetried()
    {
        _harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.TestPostbackAsync(new PostBackSettings { Url = new Uri("https://hooks.example.test/") }, Ct));

        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task SettingsPostIsRetriedWithTheSameBody()
    {
        _harness.Handler.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.SetRegistrationConfigurationAsync("r1", [new RegistrationSettingValue("A", "1")], Ct);

        Assert.Equal(2, _harness.Handler.Requests.Count);
        Assert.Equal(_harness.Handler.Requests[0].BodyText, _harness.Handler.Requests[1].BodyText);
        Assert.NotEmpty(_harness.Handler.Requests[1].BodyText);
    }

    [Fact]
    public async Task CreateRegistrationRetrySucceedsWhenTheEarlierAttemptCreatedIt()
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.GatewayTimeout)
            .Enqueue(HttpStatusCode.BadRequest, """{"message":"Registration with id [r1] already exists"}""")
            .Enqueue(HttpStatusCode.OK, """{"id":"r1","course":{"id":"c1"},"learner":{"id":"l1"}}""");

        await _harness.Client.CreateRegistrationAsync(new CreateRegistrationRequest("c1", "r1", new Learner("l1")), Ct);

        Assert.Equal(
            [(HttpMethod.Post, "/api/v2/registrations"), (HttpMethod.Post, "/api/v2/registrations"),
             (HttpMethod.Get, "/api/v2/registrations/r1?includeChildResults=false&includeInteractionsAndObjectives=false&includeRuntime=false")],
            _harness.Handler.Requests.Select(r => (r.Method, r.PathAndQuery)));
        Assert.Equal(_harness.Handler.Requests[0].BodyText, _harness.Handler.Requests[1].BodyText);
    }

    [Theory]
    [InlineData("c2", "l1")]
    [InlineData("c1", "someone-else")]
    public async Task CreateRegistrationRetryThrowsWhenTheExistingRegistrationIsSomeoneElses(string courseId, string learnerId)
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.ServiceUnavailable)
            .Enqueue(HttpStatusCode.BadRequest, """{"message":"Registration with id [r1] already exists"}""")
            .Enqueue(HttpStatusCode.OK, $$$"""{"id":"r1","course":{"id":"{{{courseId}}}"},"learner":{"id":"{{{learnerId}}}"}}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateRegistrationAsync(new CreateRegistrationRequest("c1", "r1", new Learner("l1")), Ct));

        Assert.True(error.IsAlreadyExists);
        Assert.Equal(3, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task SlowAttemptTimesOutAndIsRetried()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?> { ["ScormCloud:AttemptTimeout"] = "00:00:00.200" });
        harness.Handler
            .Enqueue(async (_, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return FakeHttpHandler.Respond(HttpStatusCode.OK, "{}");
            })
            .Enqueue(HttpStatusCode.OK, """{"apiMessage":"second"}""");

        var result = await harness.Client.PingAsync(Ct);

        Assert.Equal("second", result.ApiMessage);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task TotalTimeoutEndsRetriesWithStatusZero()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?>
        {
            ["ScormCloud:AttemptTimeout"] = "00:00:00.200",
            ["ScormCloud:TotalTimeout"] = "00:00:01",
            ["ScormCloud:MaxRetryAttempts"] = "50",
        });
        harness.Handler.Fallback = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return FakeHttpHandler.Respond(HttpStatusCode.OK, "{}");
        };

        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ScormCloudException>(() => harness.Client.PingAsync(Ct));

        Assert.Equal(0, error.Status);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error.InnerException);
        Assert.InRange(harness.Handler.Requests.Count, 1, 8);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}; the handler alone waits 30 s");
    }

    [Fact]
    public async Task UploadUsesUploadTimeoutNotAttemptTimeout()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?>
        {
            ["ScormCloud:AttemptTimeout"] = "00:00:00.100",
            ["ScormCloud:TotalTimeout"] = "00:00:00.200",
            ["ScormCloud:UploadTimeout"] = "00:00:30",
        });
        harness.Handler.Enqueue(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            return FakeHttpHandler.Respond(HttpStatusCode.OK, """{"result":"slow-job"}""");
        });
        using var package = new MemoryStream([1]);

        Assert.Equal("slow-job", await harness.Client.CreateUploadImportJobAsync("c1", package, cancellationToken: Ct));
    }

    [Fact]
    public async Task ZeroMaxRetryAttemptsDisablesRetries()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?> { ["ScormCloud:MaxRetryAttempts"] = "0" });
        harness.Handler.Fallback = (_, _) => Task.FromResult(FakeHttpHandler.Respond(HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAsync<ScormCloudException>(() => harness.Client.PingAsync(Ct));

        Assert.Single(harness.Handler.Requests);
    }
}
