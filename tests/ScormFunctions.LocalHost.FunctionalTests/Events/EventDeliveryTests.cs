using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Core.Events;
using ScormFunctions.LocalHost.FunctionalTests.Registrations;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Events;

/// <summary>
/// Result-change events end to end on real HTTP: postbacks and overrides through the local host, the outbox on
/// Azurite, the dispatcher, and LMS webhook endpoints on their own loopback ports that verify every signature.
/// </summary>
public sealed class EventDeliveryTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> owned = [];

    public async ValueTask InitializeAsync() => await Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(owned)) await item.DisposeAsync();
    }

    private static Dictionary<string, string?> Subscribed(params (string Name, WebhookReceiver Receiver)[] receivers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Events:RetryBaseDelay"] = "00:00:00.100",
            ["Events:RetryMaxDelay"] = "00:00:00.400",
            ["Events:PollInterval"] = "00:00:00.200",
            ["Events:FailingAfterAttempts"] = "3",
        };
        foreach (var (name, receiver) in receivers)
        {
            settings[$"Events:Webhooks:{name}:Url"] = receiver.Url.ToString();
            settings[$"Events:Webhooks:{name}:Secret"] = receiver.Secret;
        }
        return settings;
    }

    private async Task<T> Own<T>(T item) where T : IAsyncDisposable
    {
        owned.Add(item);
        return await Task.FromResult(item);
    }

    /// <summary>The host's own dispatch loop finds nothing to do: as if the host died right after each write.</summary>
    private static void WithoutDispatcher(IServiceCollection services, EmulatorServer _) => services.AddSingleton<OutboxDispatcher, IdleDispatcher>();

    private sealed class IdleDispatcher(
        ScormFunctions.Core.Storage.TableProvider tables, EventSubscribers subscribers, Microsoft.Extensions.Options.IOptions<EventOptions> options,
        TimeProvider time, Microsoft.Extensions.Logging.ILogger<OutboxDispatcher> logger) : OutboxDispatcher(tables, subscribers, options, time, logger)
    {
        public override Task<DispatchPass> DispatchOnceAsync(CancellationToken cancellationToken) => Task.FromResult(new DispatchPass(0, 0, false));
    }

    private static string Report(string id, string completion, double score, DateTimeOffset updated, int seconds = 90) =>
        JsonSerializer.Serialize(new
        {
            id, instance = 0, updated, registrationCompletion = completion, registrationSuccess = "PASSED",
            score = new { scaled = score }, totalSecondsTracked = seconds, course = new { id = "course-1" }, learner = new { id = "learner-1" },
        });

    private static async Task PostbackAsync(RegistrationHarness h, string id, string completion, double score, DateTimeOffset updated, int seconds = 90)
    {
        using var response = await h.PostbackAsync(Report(id, completion, score, updated, seconds), id, h.PostbackPassword(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task OverrideAsync(HttpClient admin, string id, string success)
    {
        using var response = await admin.PutAsJsonAsync($"api/registrations/{id}/override", new { success, reason = "marked by hand" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task ClearOverrideAsync(HttpClient admin, string id)
    {
        using var response = await admin.DeleteAsync($"api/registrations/{id}/override", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> OutboxAsync(HttpClient admin) => await GetJsonAsync(admin, "api/events/outbox");

    private async Task<(RegistrationHarness H, HttpClient Admin)> StartAsync(Dictionary<string, string?> settings,
        Action<IServiceCollection, EmulatorServer>? services = null, params string[] registrations)
    {
        var h = await Own(await RegistrationHarness.StartAsync(settings, services));
        await h.RecordCourseAsync("course-1");
        await h.ImportCourseAsync("course-1");
        var admin = await h.AdminAsync();
        foreach (var id in registrations) await AssignAsync(admin, "course-1", "learner-1", id);
        return (h, admin);
    }

    [Fact]
    public async Task EachEffectiveChangeIsOneSignedCloudEventInOrderAndNothingElse()
    {
        var lms = await Own(await WebhookReceiver.StartAsync());
        var (h, admin) = await StartAsync(Subscribed(("lms", lms)), registrations: "reg-1");
        var t = DateTimeOffset.UtcNow;

        await PostbackAsync(h, "reg-1", "COMPLETED", 85, t);                  // 1: unknown → completed
        await PostbackAsync(h, "reg-1", "COMPLETED", 85, t);                  // duplicate: nothing
        await PostbackAsync(h, "reg-1", "COMPLETED", 85, t.AddSeconds(5), 300); // time tracked only: nothing
        await OverrideAsync(admin, "reg-1", "failed");                         // 2: success overridden
        await ClearOverrideAsync(admin, "reg-1");                              // 3: override cleared
        var events = await lms.WaitForAsync(3);
        await Task.Delay(1500, Ct); // anything extra would arrive within a few polls

        Assert.Equal(3, lms.Accepted.Count);
        Assert.All(events, e => Assert.True(e.SignatureValid));
        Assert.All(events, e => Assert.Equal("application/cloudevents+json", e.ContentType?.Split(';')[0]));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
        Assert.Equal(3, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal(e.Id, e.WebhookId));
        var first = events[0].Event;
        Assert.Equal("1.0", first.GetProperty("specversion").GetString());
        Assert.Equal(ResultChangedEvent.Type, first.GetProperty("type").GetString());
        Assert.Equal("reg-1", first.GetProperty("subject").GetString());
        Assert.Equal(h.Server.Origin + "/api/registrations", first.GetProperty("source").GetString());
        Assert.Equal("application/json", first.GetProperty("datacontenttype").GetString());
        Assert.Equal(("course-1", "learner-1"), (events[0].Data.GetProperty("courseId").GetString(), events[0].Data.GetProperty("learnerId").GetString()));
        Assert.Equal(("completed", "passed", 85.0), Effective(events[0]));
        Assert.Equal(("completed", "failed", 85.0), Effective(events[1]));
        Assert.Equal("failed", events[1].Data.GetProperty("override").GetProperty("success").GetString());
        Assert.Equal(("completed", "passed", 85.0), Effective(events[2]));
        Assert.Equal(JsonValueKind.Null, events[2].Data.GetProperty("override").ValueKind);
        Assert.Equal(90, events[0].Data.GetProperty("reported").GetProperty("totalSecondsTracked").GetDouble());
        Assert.Equal(300, events[2].Data.GetProperty("reported").GetProperty("totalSecondsTracked").GetDouble());
        var outbox = await OutboxAsync(admin);
        Assert.Equal(0, outbox.GetProperty("pending").GetProperty("items").GetArrayLength());
        var subscriber = Assert.Single(outbox.GetProperty("subscribers").EnumerateArray());
        Assert.Equal(("lms", "webhook"), (subscriber.GetProperty("name").GetString(), subscriber.GetProperty("kind").GetString()));
        Assert.DoesNotContain("token", subscriber.GetProperty("target").GetString(), StringComparison.Ordinal);

        static (string?, string?, double) Effective(WebhookReceiver.Delivery e)
        {
            var effective = e.Data.GetProperty("effective");
            return (effective.GetProperty("completion").GetString(), effective.GetProperty("success").GetString(), effective.GetProperty("score").GetDouble());
        }
    }

    [Fact]
    public async Task ASubscriberDownForAWhileGetsEverythingInOrderWhileTheOthersCarryOn()
    {
        var lms = await Own(await WebhookReceiver.StartAsync());
        var audit = await Own(await WebhookReceiver.StartAsync());
        lms.Answer = HttpStatusCode.ServiceUnavailable;
        var (h, admin) = await StartAsync(Subscribed(("lms", lms), ("audit", audit)), registrations: ["reg-1", "reg-2"]);
        var t = DateTimeOffset.UtcNow;

        await PostbackAsync(h, "reg-1", "INCOMPLETE", 10, t);
        await PostbackAsync(h, "reg-2", "COMPLETED", 70, t);
        await PostbackAsync(h, "reg-1", "COMPLETED", 50, t.AddSeconds(1));
        await audit.WaitForAsync(3);
        // lms answers 503 until it has failed often enough to be reported as failing in the outbox.
        var failing = await WaitForOutboxAsync(admin, o => o.GetProperty("pending").GetProperty("items").EnumerateArray()
            .Any(r => r.GetProperty("events")[0].GetProperty("deliveries").GetProperty("lms").GetProperty("failing").GetBoolean()));
        Assert.All(failing.GetProperty("pending").GetProperty("items").EnumerateArray().SelectMany(r => r.GetProperty("events").EnumerateArray()),
            e => Assert.NotNull(e.GetProperty("deliveries").GetProperty("audit").GetProperty("deliveredAt").GetString()));
        await lms.StopListeningAsync(); // now nothing listens at all
        await OverrideAsync(admin, "reg-1", "failed");
        await audit.WaitForAsync(4);
        await Task.Delay(500, Ct);
        lms.Answer = HttpStatusCode.OK;
        await lms.StartListeningAsync();

        var events = await lms.WaitForAsync(4);
        await Task.Delay(1000, Ct);
        Assert.Equal(4, lms.Accepted.Count);
        Assert.True(lms.Requests > 4, "lms was asked before it came back");
        Assert.All(events, e => Assert.True(e.SignatureValid));
        Assert.Equal([1L, 2L, 3L], events.Where(e => e.RegistrationId == "reg-1").Select(e => e.Sequence));
        Assert.Equal(["incomplete", "completed", "completed"], events.Where(e => e.RegistrationId == "reg-1").Select(e => e.EffectiveCompletion));
        Assert.Equal([1L], events.Where(e => e.RegistrationId == "reg-2").Select(e => e.Sequence));
        Assert.Equal(audit.Accepted.Select(e => e.Id).Order(), events.Select(e => e.Id).Order());
        await WaitForOutboxAsync(admin, o => o.GetProperty("pending").GetProperty("items").GetArrayLength() == 0);
    }

    [Fact]
    public async Task ADeletedLearnersEventsWaitingForTheLmsAreNeverDelivered()
    {
        var lms = await Own(await WebhookReceiver.StartAsync());
        lms.Answer = HttpStatusCode.ServiceUnavailable; // the LMS is down while the learner is deleted
        var settings = Subscribed(("lms", lms));
        foreach (var (key, value) in Privacy.LearnerDeletionTests.Settings()) settings[key] = value;
        var (h, admin) = await StartAsync(settings, registrations: "reg-1"); // learner-1's
        await AssignAsync(admin, "course-1", "learner-2", "reg-2");
        var t = DateTimeOffset.UtcNow;
        await PostbackAsync(h, "reg-1", "INCOMPLETE", 10, t);
        await PostbackAsync(h, "reg-1", "COMPLETED", 80, t.AddSeconds(1));
        await PostbackAsync(h, "reg-2", "COMPLETED", 70, t);
        // The dispatcher keeps retrying both registrations (every 0.4 s at most) while the pass runs.
        await WaitForOutboxAsync(admin, o => o.GetProperty("pending").GetProperty("items").EnumerateArray()
            .Count(r => r.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("deliveries").GetProperty("lms").GetProperty("attempts").GetInt32() > 0)) == 2);

        using var deletion = await admin.DeleteAsync("api/learners/learner-1", Ct);
        var pass = await Privacy.LearnerDeletionTests.EndOfPassAsync(admin, deletion.Headers.Location!);
        lms.Answer = HttpStatusCode.NoContent;
        await lms.WaitForAsync(1);
        await WaitForOutboxAsync(admin, o => o.GetProperty("pending").GetProperty("items").GetArrayLength() == 0);
        await Task.Delay(1000, Ct); // anything else would arrive within a few polls

        Assert.Equal(HttpStatusCode.Accepted, deletion.StatusCode);
        Assert.Equal("completed", pass.GetProperty("status").GetString());
        Assert.Equal(["reg-2"], lms.Accepted.Select(e => e.RegistrationId));
        Assert.True(lms.Requests > 3, "both registrations' events were tried before the learner was deleted");
    }

    [Fact]
    public async Task EventsWrittenWhenNoDispatcherRanAreDeliveredByAFreshHost()
    {
        var lms = await Own(await WebhookReceiver.StartAsync());
        var settings = Subscribed(("lms", lms));
        var (h, admin) = await StartAsync(settings, WithoutDispatcher, "reg-1");
        var t = DateTimeOffset.UtcNow;
        await PostbackAsync(h, "reg-1", "INCOMPLETE", 10, t);
        await PostbackAsync(h, "reg-1", "COMPLETED", 90, t.AddSeconds(1));
        var waiting = await OutboxAsync(admin);
        await Task.Delay(1000, Ct);
        Assert.Empty(lms.Accepted);
        Assert.Equal(2, Assert.Single(waiting.GetProperty("pending").GetProperty("items").EnumerateArray()).GetProperty("events").GetArrayLength());
        var prefix = h.Server.TablePrefix;
        owned.Remove(h);
        await h.DisposeAsync(); // the host is gone: only the rows it wrote remain

        settings["Storage:TablePrefix"] = prefix;
        await Own(await LocalHostServer.StartAsync(settings));

        var events = await lms.WaitForAsync(2);
        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Equal(["incomplete", "completed"], events.Select(e => e.EffectiveCompletion));
        Assert.All(events, e => Assert.True(e.SignatureValid));
    }

    [Fact]
    public async Task TwoDispatchersTogetherDeliverEachEventOncePerSubscriberInOrder()
    {
        var lms = await Own(await WebhookReceiver.StartAsync());
        var ids = Enumerable.Range(1, 6).Select(i => $"reg-{i}").ToArray();
        var (h, _) = await StartAsync(Subscribed(("lms", lms)), WithoutDispatcher, ids);
        var dispatchers = new[]
        {
            ActivatorUtilities.CreateInstance<OutboxDispatcher>(h.Server.Services),
            ActivatorUtilities.CreateInstance<OutboxDispatcher>(h.Server.Services),
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var loops = dispatchers.Select(d => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await d.DispatchOnceAsync(stop.Token);
                await Task.Delay(20, stop.Token);
            }
        }, stop.Token)).ToArray();

        var t = DateTimeOffset.UtcNow;
        await Task.WhenAll(ids.Select(async id =>
        {
            await PostbackAsync(h, id, "INCOMPLETE", 10, t);
            await PostbackAsync(h, id, "INCOMPLETE", 40, t.AddSeconds(1));
            await PostbackAsync(h, id, "COMPLETED", 80, t.AddSeconds(2));
        }));
        var events = await lms.WaitForAsync(ids.Length * 3);
        await Task.Delay(1000, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Equal(ids.Length * 3, lms.Accepted.Count);
        Assert.Equal(lms.Accepted.Count, lms.Accepted.Select(e => e.Id).Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal([1L, 2L, 3L], events.Where(e => e.RegistrationId == id).Select(e => e.Sequence));
        }
    }

    private static async Task<JsonElement> WaitForOutboxAsync(HttpClient admin, Func<JsonElement, bool> done, int timeoutMs = 20000)
    {
        var started = Environment.TickCount64;
        while (true)
        {
            var outbox = await OutboxAsync(admin);
            if (done(outbox)) return outbox;
            Assert.True(Environment.TickCount64 - started < timeoutMs, $"Timed out waiting for the outbox: {outbox}");
            await Task.Delay(100, Ct);
        }
    }
}
