using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>
/// Issue 12 items 4 and 5: what a learner may see of their own registration — not the quiz's correct answers, not the
/// override's reason or the admin who set it — while an admin still sees everything.
/// </summary>
public sealed class LearnerVisibilityTests : IAsyncLifetime
{
    private RegistrationHarness h = null!;
    private HttpClient admin = null!;
    private HttpClient learner = null!;

    public async ValueTask InitializeAsync()
    {
        h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        admin = await h.AdminAsync();
        learner = await h.LearnerAsync("learner-1");
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        learner.Dispose();
        await h.DisposeAsync();
    }

    [Fact]
    public async Task LearnerDetailsHaveNoCorrectResponsesButAdminDetailsDo()
    {
        var report = JsonSerializer.Serialize(new
        {
            id = "reg-1", instance = 0, updated = DateTimeOffset.UtcNow, registrationCompletion = "COMPLETED", registrationSuccess = "FAILED",
            score = new { scaled = 50 }, totalSecondsTracked = 60, course = new { id = "course-1" }, learner = new { id = "learner-1" },
            activityDetails = new
            {
                id = "root",
                children = new[]
                {
                    new
                    {
                        id = "sco-1",
                        runtime = new
                        {
                            runtimeInteractions = new[]
                            {
                                new { id = "q1", type = "Choice", learnerResponse = "b", result = "Incorrect", correctResponses = new[] { "the-right-answer" } },
                            },
                        },
                    },
                },
            },
        });
        using var posted = await h.PostbackAsync(report, "reg-1", h.PostbackPassword("reg-1"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        using var mine = await learner.GetAsync("api/registrations/reg-1/details", Ct);
        using var all = await admin.GetAsync("api/registrations/reg-1/details", Ct);
        var mineText = await mine.Content.ReadAsStringAsync(Ct);
        var allText = await all.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("application/json", mine.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("the-right-answer", mineText, StringComparison.Ordinal);
        Assert.DoesNotContain("correctResponses", mineText, StringComparison.Ordinal);
        Assert.Contains("\"learnerResponse\":\"b\"", mineText, StringComparison.Ordinal);
        Assert.Contains("the-right-answer", allText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LearnerSeesTheEffectiveResultButNotTheOverrideReasonOrAuthor()
    {
        using var set = await admin.PutAsJsonAsync("api/registrations/reg-1/override",
            new { completion = "completed", success = "passed", score = 90, reason = "SECRET-REASON: talked to the dean" }, Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        using var mine = await learner.GetAsync("api/registrations/reg-1", Ct);
        using var mineList = await learner.GetAsync("api/learners/learner-1/registrations", Ct);
        using var refreshed = await learner.PostAsync("api/registrations/reg-1/refresh", null, Ct);
        var mineBody = await JsonAsync(mine);
        var texts = new[] { mineBody.GetRawText(), await mineList.Content.ReadAsStringAsync(Ct), await refreshed.Content.ReadAsStringAsync(Ct) };
        var asAdmin = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.All(texts, t =>
        {
            Assert.DoesNotContain("SECRET-REASON", t, StringComparison.Ordinal);
            Assert.DoesNotContain("admin-1", t, StringComparison.Ordinal);
        });
        Assert.Equal("passed", mineBody.GetProperty("effective").GetProperty("success").GetString());
        Assert.Equal(90, mineBody.GetProperty("effective").GetProperty("score").GetDouble());
        Assert.Contains("SECRET-REASON", asAdmin.GetProperty("override").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("admin-1", asAdmin.GetProperty("override").GetProperty("by").GetString());
    }
}
