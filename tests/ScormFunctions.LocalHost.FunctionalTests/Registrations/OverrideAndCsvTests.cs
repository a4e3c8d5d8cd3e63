using System.Net;
using System.Net.Http.Json;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>Overrides beside the reported values with history; paged lists; the streamed CSV export.</summary>
public sealed class OverrideAndCsvTests : IAsyncLifetime
{
    private RegistrationHarness h = null!;
    private HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        admin = await h.AdminAsync();
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await h.DisposeAsync();
    }

    [Fact]
    public async Task OverridesOfARegistrationMarkedDeletedAre404LikeItsRead()
    {
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        var repository = h.Server.Services.GetRequiredService<ScormFunctions.Core.Registrations.RegistrationRepository>();
        await repository.UpdateWithRetryAsync("reg-1", r =>
        {
            r.State = ScormFunctions.Core.Registrations.RegistrationState.Deleted; // as a course delete leaves it
            return true;
        }, Ct);

        using var set = await admin.PutAsJsonAsync("api/registrations/reg-1/override", new { score = 70, reason = "Completed on paper" }, Ct);
        using var history = await admin.GetAsync("api/registrations/reg-1/overrides", Ct);
        var stored = await repository.GetAsync("reg-1", Ct);

        await GetJsonAsync(admin, "api/registrations/reg-1", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, set.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        Assert.Null(stored!.OverrideScore);
    }

    [Fact]
    public async Task OverrideSetAndClearKeepReportedValuesAndHistory()
    {
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");

        using var set = await admin.PutAsJsonAsync("api/registrations/reg-1/override",
            new { completion = "completed", success = "passed", score = 70, reason = "Completed on paper" }, Ct);
        var overridden = await JsonAsync(set);
        using var clear = await admin.DeleteAsync("api/registrations/reg-1/override?reason=Paper%20lost", Ct);
        var cleared = await JsonAsync(clear);
        var history = await GetJsonAsync(admin, "api/registrations/reg-1/overrides");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("unknown", overridden.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Equal("completed", overridden.GetProperty("override").GetProperty("completion").GetString());
        Assert.Equal("admin-1", overridden.GetProperty("override").GetProperty("by").GetString());
        Assert.Equal("completed", overridden.GetProperty("effective").GetProperty("completion").GetString());
        Assert.Equal(70, overridden.GetProperty("effective").GetProperty("score").GetDouble());
        Assert.True(overridden.GetProperty("effective").GetProperty("overridden").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("override").ValueKind);
        Assert.Equal("unknown", cleared.GetProperty("effective").GetProperty("completion").GetString());
        var items = history.GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("clear", items[0].GetProperty("action").GetString());
        Assert.Equal("Paper lost", items[0].GetProperty("reason").GetString());
        Assert.Equal("set", items[1].GetProperty("action").GetString());
        Assert.Equal("Completed on paper", items[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task InvalidOverrideIs400AndLearnerCannotOverride()
    {
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        using var learner = await h.LearnerAsync("learner-1");

        using var noReason = await admin.PutAsJsonAsync("api/registrations/reg-1/override", new { score = 50 }, Ct);
        using var badScore = await admin.PutAsJsonAsync("api/registrations/reg-1/override", new { score = 101, reason = "x" }, Ct);
        using var badCompletion = await admin.PutAsJsonAsync("api/registrations/reg-1/override", new { completion = "done", reason = "x" }, Ct);
        using var byLearner = await learner.PutAsJsonAsync("api/registrations/reg-1/override", new { score = 100, reason = "me" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badScore.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCompletion.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLearner.StatusCode);
    }

    [Fact]
    public async Task CourseListIsPagedAndCsvIsStreamedEscapedAndFormulaSafe()
    {
        for (var i = 0; i < 5; i++) await AssignAsync(admin, "course-1", $"learner-{i}", $"reg-{i}");
        using (var create = await admin.PostAsJsonAsync("api/registrations", new
        {
            registrationId = "reg-evil", courseId = "course-1",
            learner = new { id = "learner-evil", firstName = "=HYPERLINK(\"http://evil\")", lastName = "Smith, \"Jr\"", email = "@x" },
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        }

        var page1 = await GetJsonAsync(admin, "api/courses/course-1/registrations?pageSize=4");
        var token = page1.GetProperty("continuationToken").GetString();
        var page2 = await GetJsonAsync(admin, $"api/courses/course-1/registrations?pageSize=4&continuationToken={Uri.EscapeDataString(token!)}");
        using var csv = await admin.GetAsync("api/courses/course-1/registrations.csv", HttpCompletionOption.ResponseHeadersRead, Ct);
        var text = await csv.Content.ReadAsStringAsync(Ct);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.True(csv.Headers.TransferEncodingChunked); // streamed, not buffered
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("registrationId,courseId,learnerId,", lines[0], StringComparison.Ordinal);
        var evil = lines.Single(l => l.StartsWith("reg-evil,", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", evil, StringComparison.Ordinal);
        Assert.Contains(",\"Smith, \"\"Jr\"\"\",", evil, StringComparison.Ordinal);
        Assert.Contains(",'@x,", evil, StringComparison.Ordinal);
    }
}
