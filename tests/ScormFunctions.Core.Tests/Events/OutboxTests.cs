using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Events;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;
using ScormFunctions.Core.Tests.Storage;

namespace ScormFunctions.Core.Tests.Events;

/// <summary>The outbox on Azurite: what a write leaves behind, and the markers a crashed writer leaves.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly StorageTestContext storage = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly RecordingSubscriber subscriber = new();
    private readonly EventOptions options = new()
    {
        Webhooks = { ["lms"] = new WebhookSubscriberOptions { Url = new Uri("https://lms.example.org/hooks"), Secret = "whsec_" + Convert.ToBase64String("test-only-webhook-secret"u8) } },
    };
    private RegistrationRepository registrations = null!;
    private OutboxDispatcher dispatcher = null!;

    public async ValueTask InitializeAsync()
    {
        await storage.InitializeAsync();
        var outbox = new ResultEventOutbox(storage.Tables, new OutboxSignal(), Options.Create(options), Options.Create(new AppOptions()), time,
            NullLogger<ResultEventOutbox>.Instance);
        registrations = new RegistrationRepository(storage.Tables, time, outbox);
        dispatcher = new OutboxDispatcher(storage.Tables, new EventSubscribers([subscriber]), Options.Create(options), time, NullLogger<OutboxDispatcher>.Instance);
    }

    public ValueTask DisposeAsync() => storage.DisposeAsync();

    private async Task<RegistrationEntity> CreateAsync(string id) =>
        await registrations.InsertAsync(new RegistrationEntity { PartitionKey = id, CourseId = "c", LearnerId = "l", State = RegistrationState.Active }, Ct);

    [Fact]
    public async Task AResultChangeLeavesItsEventBesideTheRecordAndAMarkerOtherWritesDoNot()
    {
        await CreateAsync("r1");
        await registrations.UpdateWithRetryAsync("r1", r => { r.LearnerEmail = "x@example.org"; return true; }, Ct);
        Assert.Empty(await EventsAsync("r1"));
        Assert.Null(await MarkerAsync("r1"));

        await registrations.UpdateWithRetryAsync("r1", r => { r.Completion = RegistrationResults.Completed; return true; }, Ct);
        await registrations.UpdateWithRetryAsync("r1", r => { r.TotalSecondsTracked = 120; return true; }, Ct);

        var row = Assert.Single(await EventsAsync("r1"));
        var record = await registrations.GetAsync("r1", Ct);
        Assert.Equal((1L, 1L), (record!.EventSequence, row.Sequence));
        using var body = JsonDocument.Parse(row.Body);
        Assert.Equal(row.EventId, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("completed", body.RootElement.GetProperty("data").GetProperty("effective").GetProperty("completion").GetString());
        var marker = await MarkerAsync("r1");
        Assert.Equal((record.CreatedAt.UtcTicks, 1L), (marker!.MarkedIncarnation, marker.MarkedSequence));
    }

    [Fact]
    public async Task AWriteThatLostTheRaceLeavesNoEvent()
    {
        var stale = await CreateAsync("r2");
        stale = (await registrations.GetAsync("r2", Ct))!;
        await registrations.UpdateWithRetryAsync("r2", r => { r.Completion = RegistrationResults.Incomplete; return true; }, Ct);

        stale.Completion = RegistrationResults.Completed;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => registrations.UpdateAsync(stale, Ct));

        Assert.Equal([1L], (await EventsAsync("r2")).Select(e => e.Sequence));
        Assert.Equal(0, stale.EventSequence);
    }

    [Fact]
    public async Task DeliveredEventsAndTheirMarkerAreRemoved()
    {
        await CreateAsync("r3");
        await registrations.UpdateWithRetryAsync("r3", r => { r.Completion = RegistrationResults.Incomplete; return true; }, Ct);
        await registrations.UpdateWithRetryAsync("r3", r => { r.Success = RegistrationResults.Passed; return true; }, Ct);

        var pass = await dispatcher.DispatchOnceAsync(Ct);

        Assert.Equal(2, pass.Delivered);
        Assert.Equal([1L, 2L], subscriber.Received.Select(e => e.Sequence));
        Assert.Empty(await EventsAsync("r3"));
        Assert.Null(await MarkerAsync("r3"));
    }

    [Fact]
    public async Task AMarkerWhoseWriterDiedIsKeptUntilItIsAbandonedThenRemoved()
    {
        var record = await CreateAsync("r4");
        // The writer marked event 1 and stopped before its transaction.
        var pending = await storage.Tables.GetTableAsync(OutboxPendingEntity.TableName, Ct);
        await pending.InsertAsync(new OutboxPendingEntity
        {
            PartitionKey = "r4", MarkedIncarnation = record.CreatedAt.UtcTicks, MarkedSequence = 1, MarkedAt = time.GetUtcNow(), DueAt = time.GetUtcNow(),
        }, Ct);

        await dispatcher.DispatchOnceAsync(Ct);
        var kept = await MarkerAsync("r4");
        time.Advance(options.AbandonedMarkerAfter + TimeSpan.FromSeconds(1));
        await dispatcher.DispatchOnceAsync(Ct);

        Assert.NotNull(kept);
        Assert.Null(kept.LeasedUntil);
        Assert.Null(await MarkerAsync("r4"));
        Assert.Empty(subscriber.Received);
    }

    [Fact]
    public async Task AFailingSubscriberIsRetriedWithBackoffAndTheEventKept()
    {
        await CreateAsync("r5");
        await registrations.UpdateWithRetryAsync("r5", r => { r.Completion = RegistrationResults.Incomplete; return true; }, Ct);
        await registrations.UpdateWithRetryAsync("r5", r => { r.Completion = RegistrationResults.Completed; return true; }, Ct);
        subscriber.Answer = false;

        await dispatcher.DispatchOnceAsync(Ct);
        await dispatcher.DispatchOnceAsync(Ct); // not due yet: nothing is attempted
        var attemptsBeforeDue = subscriber.Attempts;
        time.Advance(options.RetryMaxDelay);
        subscriber.Answer = true;
        await dispatcher.DispatchOnceAsync(Ct);

        Assert.Equal(1, attemptsBeforeDue); // the second event was held back behind the first
        Assert.Equal([1L, 2L], subscriber.Received.Select(e => e.Sequence));
        Assert.Empty(await EventsAsync("r5"));
    }

    [Fact]
    public async Task AHeldRegistrationIsNotDeliveredAndTheHoldWaitsForADispatcherLease()
    {
        var hold = new OutboxHold(storage.Tables, time);
        await CreateAsync("r6");
        await registrations.UpdateWithRetryAsync("r6", r => { r.Completion = RegistrationResults.Completed; return true; }, Ct);
        var pending = await storage.Tables.GetTableAsync(OutboxPendingEntity.TableName, Ct);
        var leased = (await MarkerAsync("r6"))!;
        leased.LeasedUntil = time.GetUtcNow().AddSeconds(30);
        leased.LeaseOwner = "another dispatcher";
        await pending.ReplaceAsync(leased, Ct);

        var busyUntil = await hold.TryHoldAsync("r6", Ct);
        time.Advance(TimeSpan.FromSeconds(31));
        var held = await hold.TryHoldAsync("r6", Ct);
        var heldAgain = await hold.TryHoldAsync("r6", Ct); // a repeated deletion step
        await registrations.UpdateWithRetryAsync("r6", r => { r.Score = 50; return true; }, Ct); // a writer meanwhile
        var pass = await dispatcher.DispatchOnceAsync(Ct);
        var marker = await MarkerAsync("r6");
        var released = await hold.ReleaseAsync("r6", Ct);

        Assert.Equal(leased.LeasedUntil, busyUntil);
        Assert.Equal((null, null), (held, heldAgain));
        Assert.Equal((0, 0), (pass.Registrations, pass.Delivered));
        Assert.Empty(subscriber.Received);
        Assert.Equal((OutboxHold.Owner, 2L), (marker!.LeaseOwner, marker.MarkedSequence));
        Assert.True(released);
        Assert.Null(await MarkerAsync("r6"));
        Assert.Null(await hold.TryHoldAsync("r7", Ct)); // no marker yet: one is created, held
        Assert.Equal(OutboxHold.Owner, (await MarkerAsync("r7"))!.LeaseOwner);
    }

    private async Task<List<OutboxEventEntity>> EventsAsync(string id)
    {
        var table = await storage.Tables.GetTableAsync(TableNames.Registrations, Ct);
        var rows = new List<OutboxEventEntity>();
        await foreach (var row in table.QueryAsync<OutboxEventEntity>(OutboxEventEntity.PartitionFilter(id), cancellationToken: Ct)) rows.Add(row);
        return rows;
    }

    private async Task<OutboxPendingEntity?> MarkerAsync(string id)
    {
        var table = await storage.Tables.GetTableAsync(OutboxPendingEntity.TableName, Ct);
        return await table.GetOrDefaultAsync<OutboxPendingEntity>(id, OutboxPendingEntity.Row, Ct);
    }

    private sealed class RecordingSubscriber : IEventSubscriber
    {
        public bool Answer { get; set; } = true;

        public int Attempts { get; private set; }

        public List<OutboxEventEntity> Received { get; } = [];

        public string Name => "lms";

        public string Kind => "test";

        public string Target => "memory";

        public Task<DeliveryResult> DeliverAsync(OutboxEventEntity outboxEvent, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Answer) Received.Add(outboxEvent);
            return Task.FromResult(new DeliveryResult(Answer, Answer ? "204" : ((int)HttpStatusCode.ServiceUnavailable).ToString()));
        }
    }
}
