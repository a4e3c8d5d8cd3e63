using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Core.Registrations;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>POST /api/postbacks/replay re-applies archived postbacks through the order-safe path (issue 13).</summary>
public sealed class ReplayTests
{
    private const string IncompleteCommit = """{"successStatus":"unknown","completionStatus":"incomplete","runtimeData":{"cmi":{"core":{"lesson_status":"incomplete","lesson_location":"page-1","session_time":"00:00:10","score":{"raw":"","min":"","max":""}},"objectives":{},"interactions":{}}},"totalTimeSeconds":0}""";

    private static readonly string[] s_ids = ["reg-a", "reg-b", "reg-c"];

    [Fact]
    public async Task ReplayingTheArchiveIntoEmptiedResultsRestoresEveryRegistrationsLatestResult()
    {
        await using var h = await StartAsync(new Dictionary<string, string?> { ["Registrations:ReconcileInterval"] = "01:00:00" });
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        var before = new Dictionary<string, JsonElement>();
        foreach (var id in s_ids)
        {
            await AssignAsync(admin, "course-1", "learner-" + id, id);
            var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, id));
            await CommitAsync(commitUrl, IncompleteCommit);
            for (var i = 0; i < 100 && (await h.ArchivedAsync(id)).Count < 1; i++) await Task.Delay(100, Ct);
            await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
            before[id] = (await WaitForAsync(admin, id, IsCompleted)).GetProperty("reported");
        }
        var archived = 0;
        foreach (var id in s_ids)
        {
            for (var i = 0; i < 100 && (await h.ArchivedAsync(id)).Count < 2; i++) await Task.Delay(100, Ct);
            archived += (await h.ArchivedAsync(id)).Count;
        }

        await EmptyResultsAsync(h);
        foreach (var id in s_ids)
        {
            Assert.Equal(JsonValueKind.Null, (await GetJsonAsync(admin, $"api/registrations/{id}")).GetProperty("reported").GetProperty("updatedAt").ValueKind);
        }
        var from = DateTimeOffset.UtcNow.AddDays(-1);
        var first = await ReplayAsync(admin, new { from });
        var second = await ReplayAsync(admin, new { from });

        // Every archived payload was examined; the newest per registration applied (the older ones were either applied
        // first and then superseded, or came later and were stale); nothing is applied twice.
        Assert.Equal(archived, first.GetProperty("examined").GetInt32());
        Assert.InRange(first.GetProperty("applied").GetInt32(), s_ids.Length, archived);
        Assert.Equal(0, first.GetProperty("invalid").GetInt32());
        Assert.Equal(0, second.GetProperty("applied").GetInt32());
        Assert.Equal(archived, second.GetProperty("duplicate").GetInt32() + second.GetProperty("stale").GetInt32());
        foreach (var id in s_ids)
        {
            var restored = (await GetJsonAsync(admin, $"api/registrations/{id}")).GetProperty("reported");
            Assert.Equal(before[id].ToString(), restored.ToString());
        }
    }

    [Fact]
    public async Task ReplayOfOneRegistrationTouchesOnlyItAndCountsInvalidPayloads()
    {
        await using var h = await StartAsync(new Dictionary<string, string?> { ["Registrations:ReconcileInterval"] = "01:00:00" });
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        foreach (var id in s_ids.Take(2))
        {
            await AssignAsync(admin, "course-1", "learner-" + id, id);
            var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, id));
            await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
            await WaitForAsync(admin, id, IsCompleted);
        }
        // A malformed payload with valid credentials is archived (and answered 400) — replay counts it as invalid.
        using (var malformed = await h.PostbackAsync("{\"id\": 12", "reg-a", h.PostbackPassword("reg-a")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }
        await EmptyResultsAsync(h);

        var result = await ReplayAsync(admin, new { registrationId = "reg-a" });

        Assert.Equal((1, 1), (result.GetProperty("applied").GetInt32(), result.GetProperty("invalid").GetInt32()));
        Assert.True(IsCompleted(await GetJsonAsync(admin, "api/registrations/reg-a")));
        Assert.False(IsCompleted(await GetJsonAsync(admin, "api/registrations/reg-b")));
    }

    [Fact]
    public async Task ReplayIsForAdminsAndNeedsARegistrationOrATimeRange()
    {
        await using var h = await StartAsync();
        using var admin = await h.AdminAsync();
        using var learner = await h.LearnerAsync("learner-1");

        using var asLearner = await learner.PostAsJsonAsync("api/postbacks/replay", new { registrationId = "reg-a" }, Ct);
        using var anonymous = await h.Server.Client.PostAsJsonAsync("api/postbacks/replay", new { registrationId = "reg-a" }, Ct);
        using var nothing = await admin.PostAsJsonAsync("api/postbacks/replay", new { }, Ct);
        using var badDate = await admin.PostAsJsonAsync("api/postbacks/replay", new { from = "yesterday" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asLearner.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    private static async Task<JsonElement> ReplayAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("api/postbacks/replay", body, Ct);
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"replay: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>Our records lose every reported result (as after restoring the table from a backup without them).</summary>
    private static async Task EmptyResultsAsync(RegistrationHarness h)
    {
        var repository = h.Server.Services.GetRequiredService<RegistrationRepository>();
        foreach (var id in s_ids)
        {
            await repository.UpdateWithRetryAsync(id, e =>
            {
                e.Completion = e.Success = null;
                e.Score = e.TotalSecondsTracked = null;
                e.FirstAccessDate = e.LastAccessDate = e.CompletedDate = e.ReportedUpdatedAt = null;
                e.DetailsBlob = null;
                return true;
            }, Ct);
        }
    }
}
