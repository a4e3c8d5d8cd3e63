using System.Net;
using System.Text.Json;
using ScormFunctions.LocalHost.FunctionalTests.Events;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations.Retakes;

/// <summary>
/// A retake's result change leaves through the transactional outbox like any other (signed webhook, in order), and a
/// late report for the replaced instance, which only completes its history, emits nothing.
/// </summary>
public sealed class RetakeEventTests
{
    [Fact]
    public async Task ARetakeIsOneResultChangedEventAndALateReportForTheOldInstanceIsNone()
    {
        await using var lms = await WebhookReceiver.StartAsync();
        await using var h = await StartAsync(new Dictionary<string, string?>
        {
            ["Events:PollInterval"] = "00:00:00.200",
            ["Events:Webhooks:lms:Url"] = lms.Url.ToString(),
            ["Events:Webhooks:lms:Secret"] = lms.Secret,
        });
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        var t = DateTimeOffset.UtcNow;

        await PostbackAsync(h, instance: 0, "COMPLETED", 85, t);                        // 1: completed, instance 0
        await RetakeTests.PostInstanceAsync(admin, "reg-1", HttpStatusCode.Created);    // 2: nothing reported, instance 1
        await PostbackAsync(h, instance: 0, "COMPLETED", 95, t.AddSeconds(10));          // history only: no event
        var events = await lms.WaitForAsync(2);
        await Task.Delay(1500, Ct); // an extra event would arrive within a few polls
        var history = await GetJsonAsync(admin, "api/registrations/reg-1/instances");

        Assert.Equal(2, lms.Accepted.Count);
        Assert.All(events, e => Assert.True(e.SignatureValid));
        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Equal(("completed", 0), (events[0].EffectiveCompletion, events[0].Data.GetProperty("reported").GetProperty("instance").GetInt32()));
        Assert.Equal(("unknown", 1), (events[1].EffectiveCompletion, events[1].Data.GetProperty("reported").GetProperty("instance").GetInt32()));
        Assert.Equal(JsonValueKind.Null, events[1].Data.GetProperty("effective").GetProperty("score").ValueKind);
        Assert.Equal(95, history.GetProperty("items")[0].GetProperty("score").GetDouble());
    }

    private static async Task PostbackAsync(RegistrationHarness h, int instance, string completion, double score, DateTimeOffset updated)
    {
        var report = JsonSerializer.Serialize(new
        {
            id = "reg-1", instance, updated, registrationCompletion = completion, registrationSuccess = "PASSED",
            score = new { scaled = score }, totalSecondsTracked = 90, course = new { id = "course-1", version = 0 }, learner = new { id = "learner-1" },
        });
        using var response = await h.PostbackAsync(report, "reg-1", h.PostbackPassword("reg-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
