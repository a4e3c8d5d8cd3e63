using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>
/// Assign → launch URL → 302 chain → the player's run-time commits → SCORM Cloud's postback to us → results, on real
/// HTTP against Azurite and the emulator, in both postback deliveries.
/// </summary>
public sealed class RegistrationEndToEndTests
{
    [Theory]
    [InlineData("HttpBasic")]
    [InlineData("Form")]
    public async Task AssignLaunchCompleteAndPostbackShowCompletedPassed85And90Seconds(string delivery)
    {
        await using var h = await StartAsync(postbackAuthType: delivery);
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        using var learner = await h.LearnerAsync("learner-1");

        var created = await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        Assert.Equal("active", created.GetProperty("state").GetString());
        var launchUrl = await LaunchUrlAsync(learner, "reg-1");
        Assert.StartsWith(h.Server.BaseUrl.ToString(), launchUrl.ToString(), StringComparison.Ordinal);
        var commitUrl = await h.OpenPlayerAsync(launchUrl);
        await CommitAsync(commitUrl, Scorm12Commit);
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
        var r = await WaitForAsync(learner, "reg-1", b => b.GetProperty("reported").GetProperty("totalSeconds").GetDouble() == 90);

        var reported = r.GetProperty("reported");
        Assert.Equal("completed", reported.GetProperty("completion").GetString());
        Assert.Equal("passed", reported.GetProperty("success").GetString());
        Assert.Equal(85, reported.GetProperty("score").GetDouble());
        Assert.Equal(90, reported.GetProperty("totalSeconds").GetDouble());
        Assert.True(reported.GetProperty("hasDetails").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, reported.GetProperty("completedDate").ValueKind);
        Assert.Equal("completed", r.GetProperty("effective").GetProperty("completion").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("override").ValueKind);
        var details = await GetJsonAsync(learner, "api/registrations/reg-1/details");
        Assert.Equal("page-3", details.GetProperty("children")[0].GetProperty("runtime").GetProperty("location").GetString());
        var archived = await h.ArchivedAsync("reg-1");
        Assert.NotEmpty(archived);
        Assert.All(archived, a => Assert.DoesNotContain(h.PostbackPassword("reg-1"), a.Content, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuplicatedAndReorderedPostbacksChangeNothing()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        using (var toggle = await h.EmulatorApi.PostAsJsonAsync(new Uri(h.Emulator.Origin, "/emulator/postbacks"), new { duplicateAndReorder = true }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, toggle.StatusCode);
        }

        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, "reg-1"));
        // First an incomplete state, then the completed one: the older copy of the first is delivered after the newer one.
        await CommitAsync(commitUrl, Scorm12Commit.Replace("\"lesson_status\":\"passed\"", "\"lesson_status\":\"incomplete\"", StringComparison.Ordinal)
            .Replace("\"successStatus\":\"passed\",\"completionStatus\":\"completed\"", "\"successStatus\":\"unknown\",\"completionStatus\":\"incomplete\"", StringComparison.Ordinal));
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
        await WaitForAsync(admin, "reg-1", IsCompleted);
        // Four deliveries in all: first, second, the first's late copy (stale), the second's copy (duplicate).
        for (var i = 0; i < 100 && (await h.ArchivedAsync("reg-1")).Count < 4; i++) await Task.Delay(100, Ct);
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(4, (await h.ArchivedAsync("reg-1")).Count);
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations/reg-1");
        Assert.Equal("completed", r.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Equal("passed", r.GetProperty("reported").GetProperty("success").GetString());
        Assert.Equal(90, r.GetProperty("reported").GetProperty("totalSeconds").GetDouble());
        Assert.Equal(DateTimeOffset.Parse(cloud.GetProperty("updated").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            r.GetProperty("reported").GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task StalePostbackAfterANewerRefreshIsIgnored()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, "reg-1"));
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
        await WaitForAsync(admin, "reg-1", IsCompleted);

        using var refresh = await admin.PostAsync("api/registrations/reg-1/refresh", null, Ct);
        var refreshed = await JsonAsync(refresh);
        var updated = refreshed.GetProperty("reported").GetProperty("updatedAt").GetDateTimeOffset();
        var stale = JsonSerializer.Serialize(new
        {
            id = "reg-1", instance = 0, updated = updated.AddMinutes(-5), registrationCompletion = "INCOMPLETE", registrationSuccess = "FAILED",
            score = new { scaled = 10 }, totalSecondsTracked = 5, course = new { id = "course-1" }, learner = new { id = "learner-1" },
        });
        using var postback = await h.PostbackAsync(stale, "reg-1", h.PostbackPassword("reg-1"));
        var after = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, postback.StatusCode);
        Assert.Equal("stale", (await JsonAsync(postback)).GetProperty("outcome").GetString());
        Assert.Equal("completed", after.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Equal(85, after.GetProperty("reported").GetProperty("score").GetDouble());
        Assert.Equal(updated, after.GetProperty("reported").GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task LearnerLaunchOfACourseCreatesOneRegistrationEvenWhenClickedConcurrently()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var learner = await h.LearnerAsync("learner-7");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => learner.PostAsync("api/courses/course-1/launch", null, Ct)));
        var bodies = await Task.WhenAll(responses.Select(JsonAsync));
        var mine = await GetJsonAsync(learner, "api/learners/learner-7/registrations");
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations?courseId=course-1");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies.Select(b => b.GetProperty("registrationId").GetString()).Distinct());
        Assert.Equal(1, mine.GetProperty("items").GetArrayLength());
        Assert.Equal("active", mine.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal(1, cloud.GetProperty("registrations").GetArrayLength());
        var commitUrl = await h.OpenPlayerAsync(new Uri(bodies[0].GetProperty("launchUrl").GetString()!));
        Assert.NotNull(commitUrl);
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task ExitRefreshesAndRedirectsToTheReturnUrl()
    {
        await using var h = await StartAsync(new Dictionary<string, string?>
        {
            ["App:ReturnUrl"] = "http://127.0.0.1:5173/done",
            // The 3 s bound is for learners; on a loaded CI box the refresh itself may take longer, which is not under test.
            ["Registrations:ExitRefreshTimeout"] = "00:01:00",
        });
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, "reg-1"));
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = h.Server.BaseUrl };
        using var exit = await browser.GetAsync("api/registrations/reg-1/exit", Ct);
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(HttpStatusCode.Redirect, exit.StatusCode);
        Assert.Equal("http://127.0.0.1:5173/done", exit.Headers.Location!.ToString());
        Assert.Equal("completed", r.GetProperty("reported").GetProperty("completion").GetString());
    }

    [Fact]
    public async Task CourseLaunchUsesTheRegistrationAnAdminAssignedWithItsOwnId()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        using var learner = await h.LearnerAsync("learner-1");
        await AssignAsync(admin, "course-1", "learner-1", "lms-assignment-42");

        using var response = await learner.PostAsync("api/courses/course-1/launch", null, Ct);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lms-assignment-42", body.GetProperty("registrationId").GetString());
        Assert.Equal(1, (await GetJsonAsync(h.EmulatorApi, "registrations?courseId=course-1")).GetProperty("registrations").GetArrayLength());
    }

    [Fact]
    public async Task BulkRefreshPullsEveryRegistrationOfTheCourse()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        await AssignAsync(admin, "course-1", "learner-2", "reg-2");
        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, "reg-1"));
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);

        using var badSince = await admin.PostAsync("api/courses/course-1/registrations/refresh?since=yesterday", null, Ct);
        using var refresh = await admin.PostAsync("api/courses/course-1/registrations/refresh", null, Ct);
        var counts = await JsonAsync(refresh);
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(2, counts.GetProperty("examined").GetInt32());
        Assert.Equal(2, counts.GetProperty("updated").GetInt32() + counts.GetProperty("unchanged").GetInt32());
        Assert.Equal("completed", r.GetProperty("reported").GetProperty("completion").GetString());
    }
}
