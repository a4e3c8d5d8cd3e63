using System.Net;
using System.Text.Json;
using ScormCloud.Client.Models;

namespace ScormCloud.Client.Tests.Emulator;

public sealed class EmulatorRegistrationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string CourseId = "reg-course";
    private readonly EmulatorClient _emulator = new(fixture.Server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScormCloudClient Client => _emulator.Client;

    public void Dispose() => _emulator.Dispose();

    private async Task EnsureCourseAsync()
    {
        try
        {
            await Client.GetCourseAsync(CourseId, Ct);
        }
        catch (ScormCloudException e) when (e.IsNotFound)
        {
            var job = await ImportPolling.UploadAsync(Client, CourseId, "synthetic_scorm12_minimal_autopass.zip", Ct);
            Assert.Equal(ImportJobStatus.Complete, job.Status);
        }
    }

    [Fact]
    public async Task RegistrationLifecycle()
    {
        await EnsureCourseAsync();
        var request = new CreateRegistrationRequest(CourseId, "lifecycle-1", new Learner("learner-1") { FirstName = "Ada", LastName = "Lovelace" });

        await Client.CreateRegistrationAsync(request, Ct);
        Assert.True(await Client.RegistrationExistsAsync("lifecycle-1", Ct));
        var registration = await Client.GetRegistrationProgressAsync(
            "lifecycle-1", new RegistrationProgressOptions { IncludeChildResults = true, IncludeRuntime = true, IncludeInteractionsAndObjectives = true }, Ct);
        Assert.Equal(("lifecycle-1", CourseId, "learner-1", "Ada"),
            (registration.Id, registration.Course?.Id, registration.Learner?.Id, registration.Learner?.FirstName));
        Assert.Equal(RegistrationCompletion.Unknown, registration.RegistrationCompletion);
        Assert.NotNull(registration.CreatedDate);

        var link = await Client.BuildLaunchLinkAsync("lifecycle-1", new LaunchLinkRequest("https://lms.example.test/exit") { ExpirySeconds = 60 }, Ct);
        Assert.True(link.IsAbsoluteUri);
        Assert.Equal(fixture.Server.Origin.Authority, link.Authority);
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            using var launch = await browser.GetAsync(link, Ct);
            Assert.True((int)launch.StatusCode is >= 200 and < 400, $"launch answered {(int)launch.StatusCode}");
        }

        await Client.DeleteRegistrationProgressAsync("lifecycle-1", Ct);
        await Client.DeleteRegistrationAsync("lifecycle-1", Ct);
        await Client.DeleteRegistrationAsync("lifecycle-1", Ct);
        Assert.False(await Client.RegistrationExistsAsync("lifecycle-1", Ct));
        var gone = await Assert.ThrowsAsync<ScormCloudException>(() => Client.GetRegistrationProgressAsync("lifecycle-1", cancellationToken: Ct));
        Assert.True(gone.IsNotFound);
        var resetGone = await Assert.ThrowsAsync<ScormCloudException>(() => Client.DeleteRegistrationProgressAsync("lifecycle-1", Ct));
        Assert.True(resetGone.IsNotFound);
    }

    [Fact]
    public async Task DuplicateRegistrationIdIsAlreadyExists()
    {
        await EnsureCourseAsync();
        await Client.CreateRegistrationAsync(new CreateRegistrationRequest(CourseId, "dup-1", new Learner("l1")), Ct);

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => Client.CreateRegistrationAsync(new CreateRegistrationRequest(CourseId, "dup-1", new Learner("l1")), Ct));

        Assert.Equal(400, error.Status);
        Assert.True(error.IsAlreadyExists);
        Assert.Equal("Registration with id [dup-1] already exists", error.ServiceMessage);
    }

    [Fact]
    public async Task RegistrationForAMissingCourseIsNotFound()
    {
        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => Client.CreateRegistrationAsync(new CreateRegistrationRequest("no-such-course", "orphan", new Learner("l1")), Ct));

        Assert.True(error.IsNotFound);
        Assert.False(error.IsAlreadyExists);
    }

    [Fact]
    public async Task ListingFollowsMoreAcrossPages()
    {
        const string courseId = "list-course";
        await ImportPolling.UploadAsync(Client, courseId, "synthetic_scorm12_minimal_autopass.zip", Ct);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 5; i++)
        {
            await Client.CreateRegistrationAsync(new CreateRegistrationRequest(courseId, $"list-{i}", new Learner($"learner-{i}")), Ct);
        }

        var firstPage = await Client.GetRegistrationsAsync(new RegistrationQuery
        {
            CourseId = courseId, Since = since, DateTimeFilter = RegistrationDateTimeFilter.Updated, OrderBy = RegistrationOrderBy.CreatedAsc,
        }, Ct);
        var all = new List<string?>();
        await foreach (var registration in Client.GetAllRegistrationsAsync(new RegistrationQuery
        {
            CourseId = courseId, Since = since, DateTimeFilter = RegistrationDateTimeFilter.Updated, OrderBy = RegistrationOrderBy.CreatedAsc,
        }, Ct))
        {
            all.Add(registration.Id);
        }

        Assert.Equal(2, firstPage.Registrations.Count);
        Assert.NotNull(firstPage.More);
        Assert.Equal(["list-0", "list-1", "list-2", "list-3", "list-4"], all);
        var byLearner = await Client.GetRegistrationsAsync(new RegistrationQuery { CourseId = courseId, LearnerId = "learner-3" }, Ct);
        Assert.Equal("list-3", Assert.Single(byLearner.Registrations).Id);
    }

    [Fact]
    public async Task PostbackSettingsRoundTripThroughConfiguration()
    {
        await EnsureCourseAsync();
        await Client.CreateRegistrationAsync(
            new CreateRegistrationRequest(CourseId, "config-1", new Learner("l1"))
            {
                PostBack = new PostBackSettings
                {
                    Url = fixture.Side.PostbackUrl,
                    AuthType = PostBackAuthType.HttpBasic,
                    UserName = "pb-user",
                    Password = "fake-pb-password",
                    ResultsFormat = PostBackResultsFormat.Full,
                },
            },
            Ct);

        var settings = await Client.GetRegistrationConfigurationAsync("config-1", Ct);
        Assert.Equal(fixture.Side.PostbackUrl.AbsoluteUri, settings.Single(s => s.Id == "ApiRollupRegistrationPostBackUrl").EffectiveValue);

        await Client.SetRegistrationConfigurationAsync(
            "config-1", [new RegistrationSettingValue("ApiRollupRegistrationFormat", "course")], Ct);
        var updated = await Client.GetRegistrationConfigurationAsync("config-1", Ct);
        Assert.Equal("course", updated.Single(s => s.Id == "ApiRollupRegistrationFormat").EffectiveValue, ignoreCase: true);
    }

    [Fact]
    public async Task LaunchLinkErrorsComeFromTheService()
    {
        var missing = await Assert.ThrowsAsync<ScormCloudException>(
            () => Client.BuildLaunchLinkAsync("no-such-registration", new LaunchLinkRequest("closer"), Ct));
        await EnsureCourseAsync();
        await Client.CreateRegistrationAsync(new CreateRegistrationRequest(CourseId, "launch-bad", new Learner("l1")), Ct);
        var badRedirect = await Assert.ThrowsAsync<ScormCloudException>(
            () => Client.BuildLaunchLinkAsync("launch-bad", new LaunchLinkRequest("ftp://nope.example.test/"), Ct));

        Assert.True(missing.IsNotFound);
        Assert.Equal(400, badRedirect.Status);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Client.BuildLaunchLinkAsync("launch-bad", new LaunchLinkRequest("closer") { ExpirySeconds = 301 }, Ct));
    }

    [Fact]
    public async Task TestPostbackReachesTheReceiverAndParsesWithTheSharedModels()
    {
        var before = fixture.Side.Postbacks.Count;

        await Client.TestPostbackAsync(
            new PostBackSettings
            {
                Url = fixture.Side.PostbackUrl,
                AuthType = PostBackAuthType.HttpBasic,
                UserName = "pb-user",
                Password = "fake-pb-password",
                ResultsFormat = PostBackResultsFormat.Course,
            },
            Ct);

        var received = fixture.Side.Postbacks.Skip(before).Single();
        Assert.StartsWith("application/json", received.ContentType, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Basic ", received.Authorization, StringComparison.Ordinal);
        var registration = JsonSerializer.Deserialize<Registration>(received.Body, ScormCloudJson.Options)!;
        Assert.False(string.IsNullOrEmpty(registration.Id));
        Assert.NotNull(registration.Course?.Id);
    }

    [Fact]
    public async Task TestPostbackToADeadReceiverFailsOnce()
    {
        var error = await Assert.ThrowsAsync<ScormCloudException>(() => Client.TestPostbackAsync(
            new PostBackSettings { Url = new Uri(fixture.Side.Origin, "/no-such-route"), AuthType = PostBackAuthType.Form }, Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, _emulator.Attempts.Count("POST", "/api/v2/registrations/postBackTest"));
        Assert.Equal(HttpStatusCode.BadRequest, (HttpStatusCode)error.Status);
    }
}
