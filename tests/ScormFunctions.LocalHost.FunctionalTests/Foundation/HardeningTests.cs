using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using ScormFunctions.LocalHost.FunctionalTests.Registrations;

namespace ScormFunctions.LocalHost.FunctionalTests.Foundation;

/// <summary>Issue 12 (security pass) through real HTTP on 127.0.0.1: each test reproduces one attack.</summary>
public sealed class HardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousFormPostbackIsAnsweredBeforeItsBodyIsSent()
    {
        // Item 1: a 15 MiB form post without credentials. We send the headers and 1 KiB, then nothing: a host that reads
        // the body before deciding never answers; ours refuses it (postbacks are httpbasic by default) at once.
        await using var server = await LocalHostServer.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseUrl.Host, server.BaseUrl.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST /api/postbacks/registrations HTTP/1.1\r\nHost: {server.BaseUrl.Authority}\r\n" +
            $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {15 * 1024 * 1024}\r\n\r\ndata=" + new string('A', 1024);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var response = Encoding.ASCII.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 415", response, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotOnlyRegistrationIdsAreRejectedOnCreate()
    {
        // Item 7: "." and ".." can never be addressed again once created (URL path normalisation).
        await using var h = await RegistrationHarness.StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();

        foreach (var id in new[] { ".", ".." })
        {
            using var response = await admin.PostAsJsonAsync("api/registrations",
                new { registrationId = id, courseId = "course-1", learner = new { id = "learner-1" } }, Ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var learnerDots = await admin.PostAsJsonAsync("api/registrations",
            new { courseId = "course-1", learner = new { id = ".." } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, learnerDots.StatusCode);
    }

    [Fact]
    public async Task ImportPostbackWithCrLfInTheIdWritesNoForgedLogLine()
    {
        // Item 8: anonymous, unauthenticated input must not reach the log as given.
        var logs = new CapturingLoggerProvider();
        await using var server = await LocalHostServer.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));

        using var response = await server.Client.PostAsync(
            "api/postbacks/imports/abc%0D%0A2026-11-30T00:00:00Z%20info:%20FORGED-ENTRY?courseId=c%0Ad&sig=x", null, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("FORGED-ENTRY", StringComparison.Ordinal) || m.Contains('\n', StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("Import postback rejected", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task JsonEndpointsRefuseOtherContentTypesWith415(string contentType)
    {
        // Item 10: a cross-site form or text/plain fetch needs no CORS preflight; only JSON is accepted.
        await using var server = await LocalHostServer.StartAsync();
        using var admin = await server.ClientForAsync("ada", "admin");
        var json = """{"registrationId":"r1","courseId":"course-1","learner":{"id":"learner-1"}}""";

        using var response = await admin.PostAsync("api/registrations", new StringContent(json, Encoding.UTF8, contentType), Ct);
        using var token = await server.Client.PostAsync("api/dev/tokens", new StringContent("""{"subject":"x","roles":["admin"]}""", Encoding.UTF8, contentType), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, token.StatusCode);
        Assert.Equal("application/problem+json", token.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"subject": 5}""")]
    [InlineData("""{"subject": "ada", "roles": "admin"}""")]
    [InlineData("")]
    public async Task MalformedDevelopmentTokenRequestsAre400Problems(string body)
    {
        // Item 11: parameter binding threw BadHttpRequestException, which the Development pipeline turned into a 500.
        await using var server = await LocalHostServer.StartAsync();

        using var response = await server.Client.PostAsync("api/dev/tokens", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DevelopmentTokenWithANullRoleIsIssuedWithoutIt()
    {
        // Item 11: a null role reached new Claim(type, null) and answered 500.
        await using var server = await LocalHostServer.StartAsync();

        using var response = await server.Client.PostAsync("api/dev/tokens",
            new StringContent("""{"subject": "ada", "roles": [null, "learner"]}""", Encoding.UTF8, "application/json"), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    [Fact]
    public async Task HealthProbesScormCloudOncePerCacheWindow()
    {
        // Item 9: every anonymous GET /api/health used to ping SCORM Cloud.
        var calls = new ScormCloudCalls();
        await using var server = await LocalHostServer.StartAsync(services: calls.Install);

        for (var i = 0; i < 5; i++)
        {
            using var response = await server.Client.GetAsync("api/health", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, calls.Count("/ping"));
    }

    [Fact]
    public async Task ExitRefreshesFromScormCloudAtMostOncePerInterval()
    {
        // Item 9: every anonymous GET .../exit used to refresh from SCORM Cloud.
        var calls = new ScormCloudCalls();
        await using var h = await RegistrationHarness.StartAsync(services: (s, _) => calls.Install(s));
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await RegistrationHarness.AssignAsync(admin, "course-1", "learner-1", "reg-1");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = h.Server.BaseUrl };
        var before = calls.Count("/registrations/reg-1");

        for (var i = 0; i < 4; i++)
        {
            using var exit = await browser.GetAsync("api/registrations/reg-1/exit", Ct);
            Assert.Equal(HttpStatusCode.Redirect, exit.StatusCode);
        }

        Assert.Equal(1, calls.Count("/registrations/reg-1") - before);
    }

    [Fact]
    public async Task AnonymousEndpointsAreRateLimitedPerClientWith429Problems()
    {
        // Item 9: anonymous endpoints are rate limited (ASP.NET Core rate limiting in the local host).
        await using var server = await LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimiting:AnonymousPermitLimit"] = "3",
            ["RateLimiting:AnonymousWindow"] = "00:05:00",
        });
        using var admin = await server.ClientForAsync("ada", "admin");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await browser.GetAsync("api/registrations/nobody/exit", Ct);
            statuses.Add(response.StatusCode);
        }
        using var limited = await browser.GetAsync("api/health", Ct);
        using var authenticated = await admin.GetAsync("api/courses", Ct);
        // SCORM Cloud's calls share a few addresses: an import postback is checked by its signature, never limited per address.
        using var importPostback = await browser.PostAsync("api/postbacks/imports/nothing?courseId=c&sig=forged", new StringContent("{}"), Ct);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null, "429 without Retry-After");
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, importPostback.StatusCode);
    }

    /// <summary>Counts the local host's calls to SCORM Cloud (every HttpClient the factory builds), by path.</summary>
    private sealed class ScormCloudCalls
    {
        private readonly ConcurrentQueue<string> paths = new();

        public void Install(IServiceCollection services) =>
            services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new Recorder(paths)));

        public int Count(string pathEnd) => paths.Count(p => p.EndsWith(pathEnd, StringComparison.Ordinal));

        private sealed class Recorder(ConcurrentQueue<string> paths) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                paths.Enqueue(request.RequestUri!.AbsolutePath);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> messages = new();

        public IReadOnlyCollection<string> Messages => messages;

        public ILogger CreateLogger(string categoryName) => new Logger(messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
