using System.Net;
using ScormCloud.Client.Models;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

public sealed class RegistrationOperationTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task CreateRegistrationPostsCreateRegistrationSchema()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.CreateRegistrationAsync(
            new CreateRegistrationRequest("c1", "r1", new Learner("l1") { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.test" })
            {
                PostBack = new PostBackSettings
                {
                    Url = new Uri("https://hooks.example.test/pb"),
                    AuthType = PostBackAuthType.HttpBasic,
                    UserName = "u",
                    Password = "fake-pw",
                    ResultsFormat = PostBackResultsFormat.Full,
                    Legacy = false,
                },
            },
            Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v2/registrations", request.PathAndQuery);
        Assert.Equal("application/json", request.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(
            """{"courseId":"c1","registrationId":"r1","learner":{"id":"l1","firstName":"Ada","lastName":"Lovelace","email":"ada@example.test"}"""
            + ""","postBack":{"url":"https://hooks.example.test/pb","authType":"HTTPBASIC","userName":"u","password":"fake-pw","resultsFormat":"FULL","legacy":false}}""",
            request.BodyText);
    }

    [Fact]
    public async Task CreateRegistrationDuplicateWithoutRetryThrowsAlreadyExists()
    {
        _harness.Handler.Enqueue(HttpStatusCode.BadRequest, """{"message":"Registration with id [r1] already exists"}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateRegistrationAsync(new CreateRegistrationRequest("c1", "r1", new Learner("l1")), Ct));

        Assert.Equal(400, error.Status);
        Assert.True(error.IsAlreadyExists);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task CreateRegistrationForMissingCourseIsNotFound()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NotFound, """{"message":"Could not find course [c9]"}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateRegistrationAsync(new CreateRegistrationRequest("c9", "r1", new Learner("l1")), Ct));

        Assert.True(error.IsNotFound);
        Assert.False(error.IsAlreadyExists);
    }

    [Fact]
    public async Task CreateRegistrationValidatesRequiredFields()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => _harness.Client.CreateRegistrationAsync(new CreateRegistrationRequest("c1", "", new Learner("l1")), Ct));
        await Assert.ThrowsAsync<ArgumentException>(
            () => _harness.Client.CreateRegistrationAsync(new CreateRegistrationRequest("c1", "r1", new Learner()), Ct));
        Assert.Empty(_harness.Handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public async Task RegistrationExistsUsesHead(HttpStatusCode status, bool expected)
    {
        _harness.Handler.Enqueue(status);

        var exists = await _harness.Client.RegistrationExistsAsync("r 1", Ct);

        Assert.Equal(expected, exists);
        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Head, request.Method);
        Assert.Equal("/api/v2/registrations/r%201", request.PathAndQuery);
    }

    [Fact]
    public async Task RegistrationExistsThrowsOnUnauthorized()
    {
        _harness.Handler.Enqueue(HttpStatusCode.Unauthorized);

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.RegistrationExistsAsync("r1", Ct));

        Assert.True(error.IsUnauthorized);
    }

    [Fact]
    public async Task GetRegistrationProgressSendsIncludeFlagsAndParsesFullSchema()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, SampleJson.Registration);

        var registration = await _harness.Client.GetRegistrationProgressAsync(
            "r1", new RegistrationProgressOptions { IncludeChildResults = true, IncludeRuntime = true, IncludeInteractionsAndObjectives = true }, Ct);

        Assert.Equal(
            "/api/v2/registrations/r1?includeChildResults=true&includeInteractionsAndObjectives=true&includeRuntime=true",
            Assert.Single(_harness.Handler.Requests).PathAndQuery);
        SampleJson.AssertRegistration(registration);
    }

    [Fact]
    public async Task GetRegistrationProgressDefaultsFlagsToFalse()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"id":"r1"}""");

        var registration = await _harness.Client.GetRegistrationProgressAsync("r1", cancellationToken: Ct);

        Assert.Equal(
            "/api/v2/registrations/r1?includeChildResults=false&includeInteractionsAndObjectives=false&includeRuntime=false",
            Assert.Single(_harness.Handler.Requests).PathAndQuery);
        Assert.Equal(RegistrationCompletion.Unknown, registration.RegistrationCompletion);
        Assert.Null(registration.ActivityDetails);
    }

    [Fact]
    public async Task GetRegistrationsSendsFiltersAndParsesPage()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r1"},{"id":"r2"}],"more":"tok-2"}""");

        var page = await _harness.Client.GetRegistrationsAsync(
            new RegistrationQuery
            {
                CourseId = "c1",
                Since = new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.FromHours(1)),
                DateTimeFilter = RegistrationDateTimeFilter.Created,
            },
            Ct);

        Assert.Equal(
            "/api/v2/registrations?courseId=c1&since=2026-11-23T07%3A30%3A00.000Z&datetimeFilter=created",
            Assert.Single(_harness.Handler.Requests).PathAndQuery);
        Assert.Equal(["r1", "r2"], page.Registrations.Select(r => r.Id));
        Assert.Equal("tok-2", page.More);
    }

    [Fact]
    public async Task GetAllRegistrationsFollowsMoreTokens()
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r1"}],"more":"t2"}""")
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r2"},{"id":"r3"}],"more":"t3"}""")
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r4"}]}""");

        var ids = new List<string?>();
        await foreach (var registration in _harness.Client.GetAllRegistrationsAsync(new RegistrationQuery { CourseId = "c1" }, Ct))
        {
            ids.Add(registration.Id);
        }

        Assert.Equal(["r1", "r2", "r3", "r4"], ids);
        Assert.Equal(
            ["/api/v2/registrations?courseId=c1", "/api/v2/registrations?more=t2", "/api/v2/registrations?more=t3"],
            _harness.Handler.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task GetRegistrationConfigurationParsesSettingItems()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """
            {"settingItems":[
              {"id":"ApiRollupRegistrationPostBackUrl","effectiveValue":"https://hooks.example.test/pb","effectiveValueSource":"registration",
               "metadata":{"default":"","dataType":"string","settingDescription":"d"}},
              {"id":"ApiRollupRegistrationIsJson","effectiveValue":true,"effectiveValueSource":"default"}]}
            """);

        var settings = await _harness.Client.GetRegistrationConfigurationAsync("r1", Ct);

        Assert.Equal("/api/v2/registrations/r1/configuration", Assert.Single(_harness.Handler.Requests).PathAndQuery);
        Assert.Equal(2, settings.Count);
        Assert.Equal("https://hooks.example.test/pb", settings[0].EffectiveValue);
        Assert.Equal("string", settings[0].Metadata?.DataType);
        Assert.Equal("true", settings[1].EffectiveValue);
    }

    [Fact]
    public async Task SetRegistrationConfigurationPostsSettingsPostSchema()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.SetRegistrationConfigurationAsync(
            "r1",
            [new RegistrationSettingValue("ApiRollupRegistrationFormat", "full"), new RegistrationSettingValue("X", null, false)],
            Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v2/registrations/r1/configuration", request.PathAndQuery);
        Assert.Equal(
            """{"settings":[{"settingId":"ApiRollupRegistrationFormat","value":"full","explicit":true},{"settingId":"X","explicit":false}]}""",
            request.BodyText);
    }

    [Fact]
    public async Task BuildLaunchLinkPostsRequestAndReturnsUri()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"launchLink":"https://cloud.example.test/api/cloud/registration/launch/abc?x=1"}""");

        var link = await _harness.Client.BuildLaunchLinkAsync(
            "r1", new LaunchLinkRequest("https://lms.example.test/done") { Culture = "fr-FR", StartSco = "sco1", CssUrl = "https://lms.example.test/p.css" }, Ct);

        Assert.Equal(new Uri("https://cloud.example.test/api/cloud/registration/launch/abc?x=1"), link);
        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v2/registrations/r1/launchLink", request.PathAndQuery);
        Assert.Equal(
            """{"redirectOnExitUrl":"https://lms.example.test/done","expiry":120,"tracking":true,"startSco":"sco1","culture":"fr-FR","cssUrl":"https://lms.example.test/p.css"}""",
            request.BodyText);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(301)]
    [InlineData(0)]
    public async Task BuildLaunchLinkRejectsExpiryOutsideTenToThreeHundred(int expiry)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => _harness.Client.BuildLaunchLinkAsync("r1", new LaunchLinkRequest("closer") { ExpirySeconds = expiry }, Ct));

        Assert.Empty(_harness.Handler.Requests);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public async Task BuildLaunchLinkAcceptsBoundaryExpiry(int expiry)
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"launchLink":"https://cloud.example.test/launch"}""");

        await _harness.Client.BuildLaunchLinkAsync("r1", new LaunchLinkRequest("message") { ExpirySeconds = expiry }, Ct);

        Assert.Contains($"\"expiry\":{expiry}", Assert.Single(_harness.Handler.Requests).BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task DeleteRegistrationTreatsMissingAsDeleted(HttpStatusCode status)
    {
        _harness.Handler.Enqueue(status);

        await _harness.Client.DeleteRegistrationAsync("r1", Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("/api/v2/registrations/r1", request.PathAndQuery);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public async Task TryDeleteRegistrationSaysWhetherThereWasOne(HttpStatusCode status, bool deleted)
    {
        _harness.Handler.Enqueue(status);

        Assert.Equal(deleted, await _harness.Client.TryDeleteRegistrationAsync("r 1", Ct));

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal((HttpMethod.Delete, "/api/v2/registrations/r%201"), (request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task TryDeleteRegistrationThrowsOtherFailures()
    {
        _harness.Handler.Enqueue(HttpStatusCode.Forbidden, """{"message":"no"}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.TryDeleteRegistrationAsync("r1", Ct));

        Assert.Equal(403, error.Status);
    }

    [Theory]
    [InlineData(".", "/api/v2/registrations/%2E")]
    [InlineData("..", "/api/v2/registrations/%2E%2E")]
    [InlineData("a.b", "/api/v2/registrations/a.b")]
    public async Task DotOnlyIdsStayOneEscapedPathSegment(string id, string expectedPath)
    {
        // Issue 12 item 7: "registrations/.." must never be normalised into "registrations/" or the API root.
        _harness.Handler.Enqueue(HttpStatusCode.NoContent).Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.DeleteRegistrationAsync(id, Ct);
        await _harness.Client.DeleteRegistrationProgressAsync(id, Ct);

        Assert.Equal(expectedPath, _harness.Handler.Requests[0].PathAndQuery);
        Assert.Equal(expectedPath + "/progress", _harness.Handler.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task DeleteRegistrationProgressDeletesProgressAndReportsMissing()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NoContent).Enqueue(HttpStatusCode.NotFound, """{"message":"Could not find registration [r2]"}""");

        await _harness.Client.DeleteRegistrationProgressAsync("r1", Ct);
        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.DeleteRegistrationProgressAsync("r2", Ct));

        Assert.Equal(HttpMethod.Delete, _harness.Handler.Requests[0].Method);
        Assert.Equal("/api/v2/registrations/r1/progress", _harness.Handler.Requests[0].PathAndQuery);
        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task TestPostbackPostsPostBackSchema()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.TestPostbackAsync(
            new PostBackSettings { Url = new Uri("https://hooks.example.test/pb"), AuthType = PostBackAuthType.Form, ResultsFormat = PostBackResultsFormat.Course },
            Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal("/api/v2/registrations/postBackTest", request.PathAndQuery);
        Assert.Equal("""{"url":"https://hooks.example.test/pb","authType":"FORM","resultsFormat":"COURSE","legacy":false}""", request.BodyText);
    }
}
