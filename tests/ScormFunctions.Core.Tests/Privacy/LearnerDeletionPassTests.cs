using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScormCloud.Client.Models;
using ScormCloud.Emulator.Faults;
using ScormCloud.Emulator.Store;
using ScormFunctions.Core.Events;
using ScormFunctions.Core.Privacy;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Core.Tests.Privacy;

/// <summary>
/// A deletion pass end to end on the real parts: the orchestration on the in-process Durable engine, its activities on
/// Azurite and against the SCORM Cloud emulator (batches of 2, three steps per generation, so it runs several batches
/// across ContinueAsNew).
/// </summary>
public sealed class LearnerDeletionPassTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId(string what) => DeletionWorld.NewId(what);

    [Fact]
    public async Task Erases_every_kind_held_about_the_learner_here_and_in_SCORM_Cloud_and_nothing_of_another_learner()
    {
        await using var world = await DeletionWorld.StartAsync();
        var (ada, bob) = (NewId("ada"), NewId("bob"));
        var (golf, tennis) = (NewId("golf"), NewId("tennis"));
        await world.ImportCourseAsync(golf);
        await world.ImportCourseAsync(tennis);
        var adas = new[] { (NewId("r"), golf), (NewId("r"), tennis), (NewId("r"), tennis) };
        foreach (var (id, course) in adas) await world.AssignAsync(id, course, ada);
        var bobs = NewId("r");
        await world.AssignAsync(bobs, golf, bob);
        foreach (var id in adas.Select(a => a.Item1).Append(bobs)) await world.GiveHistoryAsync(id, id == bobs ? bob : ada);
        // A second override on one, a row another feature keeps in the registration's partition, a stale index row of
        // Ada's pointing at Bob's registration, and a registration SCORM Cloud has for Ada that our records lost.
        await world.Services.GetRequiredService<RegistrationRepository>().AddOverrideHistoryAsync(new RegistrationOverrideEntity
        {
            PartitionKey = adas[0].Item1, Completion = "incomplete", Reason = "re-take", By = "admin-1", At = DateTimeOffset.UtcNow,
        }, Ct);
        var registrationsTable = await world.Tables.GetTableAsync(TableNames.Registrations, Ct);
        await registrationsTable.AddEntityAsync(new TableEntity(adas[1].Item1, "event-0001") { ["Data"] = "result changed" }, Ct);
        var index = await world.Tables.GetTableAsync(TableNames.RegistrationIndex, Ct);
        await index.AddEntityAsync(new TableEntity(RegistrationIndexEntity.LearnerPartition(ada), bobs), Ct);
        var lost = NewId("r");
        await world.Cloud.CreateRegistrationAsync(new CreateRegistrationRequest(golf, lost, new Learner(ada)), Ct);
        await world.Services.GetRequiredService<ScormFunctions.Core.Postbacks.PostbackArchive>().SaveAsync(lost, "{}", "json", new Dictionary<string, string>(), Ct);
        var bobBefore = await world.HeldAsync(bobs, golf, bob);
        world.Logs.Lines.Clear();

        var started = await world.StartPassAsync(ada);
        var metadata = await world.CompletionAsync(started);
        var record = await world.RecordAsync(started);

        Assert.Equal((LearnerDeletionStatus.Completed, ScormCloudLearnerData.Requested, null), (record.Status, record.ScormCloudLearnerData, record.LastError));
        // Registration rows include each reported result's instance history row (instance-000000), kept beside its record.
        Assert.Equal(new LearnerDeletionCounts(
            ScormCloudRegistrations: 4, Registrations: 3, RegistrationRows: 7, IndexRows: 7, Overrides: 4, ResultBlobs: 3, ArchivedPostbacks: 4, LaunchNonces: 3),
            record.Counts);
        foreach (var (id, course) in adas) Assert.Equal(HeldData.Nothing, await world.HeldAsync(id, course, ada));
        Assert.Equal(HeldData.Nothing, await world.HeldAsync(lost, golf, ada));
        Assert.Equal(bobBefore, await world.HeldAsync(bobs, golf, bob));
        Assert.Equal(new HeldData(2, 2, 1, 1, 1, 1, true), bobBefore); // rows: the record and its instance history
        var store = world.Emulator.Services.GetRequiredService<EmulatorStore>();
        Assert.DoesNotContain(store.Registrations.Values, r => r.Learner.Id == ada);
        var request = Assert.Single(store.LearnerDataDeletions);
        Assert.Equal((ada, DeletionWorld.RequesterEmail), (request.LearnerId, request.UserEmail));

        // The audit record, the orchestration's input and output, and every log line of the pass name no one.
        Assert.Null(record.LearnerId);
        var raw = await (await world.Tables.GetTableAsync(LearnerDeletionEntity.TableName, Ct)).GetEntityAsync<TableEntity>(record.PartitionKey, record.RowKey, cancellationToken: Ct);
        Assert.DoesNotContain(raw.Value, p => p.Value?.ToString()?.Contains(ada, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(ada, metadata.SerializedInput + metadata.SerializedOutput + metadata.SerializedCustomStatus + metadata.InstanceId, StringComparison.Ordinal);
        Assert.NotEmpty(world.Logs.Lines);
        var naming = world.Logs.Lines.Where(line => line.Contains(ada, StringComparison.Ordinal)).ToList();
        Assert.True(naming.Count == 0, string.Join("\n", naming));
        Assert.Contains(world.Logs.Lines, line => line.Contains(record.PartitionKey, StringComparison.Ordinal) && line.Contains("completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_outage_shows_as_the_last_error_while_the_pass_waits_and_the_pass_completes_when_it_ends()
    {
        await using var world = await DeletionWorld.StartAsync();
        var (ada, course, registration) = await world.LearnerWithRegistrationAsync();
        var faults = world.Emulator.Services.GetRequiredService<FaultState>();
        faults.Set(new FaultOptions { ErrorRate = 1 });

        var started = await world.StartPassAsync(ada);
        LearnerDeletionEntity waiting;
        do
        {
            await Task.Delay(50, Ct);
            waiting = await world.RecordAsync(started);
        }
        while (waiting.LastError is null);
        faults.Set(new FaultOptions());
        await world.CompletionAsync(started);
        var record = await world.RecordAsync(started);

        Assert.Equal(LearnerDeletionStatus.Running, waiting.Status);
        Assert.Matches("^learner_deletion\\.registrations: SCORM Cloud answered 50[03]$", waiting.LastError);
        Assert.Equal((LearnerDeletionStatus.Completed, null, 1, 1), (record.Status, record.LastError, record.Registrations, record.ScormCloudRegistrations));
        Assert.Equal(HeldData.Nothing, await world.HeldAsync(registration, course, ada));
    }

    [Fact]
    public async Task A_pass_still_failing_at_its_give_up_time_ends_failed_without_the_learner_id()
    {
        await using var world = await DeletionWorld.StartAsync(new Dictionary<string, string?> { ["Privacy:GiveUpAfter"] = "00:00:02" });
        var (ada, _, _) = await world.LearnerWithRegistrationAsync();
        world.Emulator.Services.GetRequiredService<FaultState>().Set(new FaultOptions { ErrorRate = 1 });

        var started = await world.StartPassAsync(ada);
        var metadata = await world.CompletionAsync(started);
        var record = await world.RecordAsync(started);

        Assert.Equal(LearnerDeletionStatus.Failed, metadata.ReadOutputAs<string>());
        Assert.Equal((LearnerDeletionStatus.Failed, null), (record.Status, record.LearnerId));
        Assert.NotNull(record.FinishedAt);
        Assert.Matches("^learner_deletion\\.registrations: SCORM Cloud answered 50[03]$", record.LastError);
    }

    [Fact]
    public async Task SCORM_Cloud_refusing_the_learner_data_deletion_fails_the_pass_after_our_data_is_gone()
    {
        await using var world = await DeletionWorld.StartAsync(
            new Dictionary<string, string?> { ["Privacy:ScormCloudRequesterEmail"] = "someone@example.org" },
            e => e["Emulator:RealmUserEmails"] = DeletionWorld.RequesterEmail);
        var (ada, course, registration) = await world.LearnerWithRegistrationAsync();

        var started = await world.StartPassAsync(ada);
        await world.CompletionAsync(started);
        var record = await world.RecordAsync(started);

        Assert.Equal((LearnerDeletionStatus.Failed, ScormCloudLearnerData.Refused), (record.Status, record.ScormCloudLearnerData));
        Assert.StartsWith("SCORM Cloud answered 400 to the learner data deletion request", record.LastError, StringComparison.Ordinal);
        Assert.Equal(HeldData.Nothing, await world.HeldAsync(registration, course, ada));
    }

    [Fact]
    public async Task Without_a_requester_email_the_SCORM_Cloud_learner_request_is_skipped_and_the_pass_completes()
    {
        await using var world = await DeletionWorld.StartAsync(new Dictionary<string, string?> { ["Privacy:ScormCloudRequesterEmail"] = "" });

        var started = await world.StartPassAsync(NewId("nobody"));
        await world.CompletionAsync(started);
        var record = await world.RecordAsync(started);

        Assert.Equal((LearnerDeletionStatus.Completed, ScormCloudLearnerData.NotConfigured), (record.Status, record.ScormCloudLearnerData));
        Assert.Equal(LearnerDeletionCounts.None, record.Counts);
        Assert.Empty(world.Emulator.Services.GetRequiredService<EmulatorStore>().LearnerDataDeletions);
    }

    [Fact]
    public async Task The_running_pass_is_answered_again_and_a_request_after_it_ended_starts_a_new_pass()
    {
        await using var world = await DeletionWorld.StartAsync();
        var (ada, course, _) = await world.LearnerWithRegistrationAsync();
        world.Emulator.Services.GetRequiredService<FaultState>().Set(new FaultOptions { Latency = TimeSpan.FromMilliseconds(300) });

        var first = await world.StartPassAsync(ada);
        var again = await world.StartPassAsync(ada);
        await world.CompletionAsync(first);
        var reassigned = NewId("r");
        await world.AssignAsync(reassigned, course, ada);
        var second = await world.StartPassAsync(ada);
        await world.CompletionAsync(second);

        Assert.Equal((first.DeletionId, 1), (again.DeletionId, again.Pass));
        Assert.NotEqual(first.DeletionId, second.DeletionId);
        Assert.Equal(2, second.Pass);
        Assert.Equal(1, (await world.RecordAsync(first)).Registrations);
        Assert.Equal(1, (await world.RecordAsync(second)).Registrations);
        Assert.Equal(HeldData.Nothing, await world.HeldAsync(reassigned, course, ada));
        var latest = await world.Services.GetRequiredService<LearnerDeletionRepository>().GetLatestAsync(first.PartitionKey, Ct);
        Assert.Equal(second.DeletionId, latest!.DeletionId);
    }

    [Fact]
    public async Task A_step_repeated_after_its_pass_ended_deletes_nothing()
    {
        await using var world = await DeletionWorld.StartAsync();
        var ada = NewId("ada");
        var course = NewId("golf");
        await world.ImportCourseAsync(course);
        var started = await world.StartPassAsync(ada);
        await world.CompletionAsync(started);
        var assignedSince = NewId("r");
        await world.AssignAsync(assignedSince, course, ada);

        var repeated = await world.Services.GetRequiredService<LearnerDeletionActivities>().EraseRegistrationsAsync(
            new LearnerDeletionStep(started.PartitionKey, started.Pass, null), Ct);

        Assert.Equal(new LearnerDeletionStepResult(More: false), repeated);
        Assert.Equal(LearnerDeletionCounts.None, (await world.RecordAsync(started)).Counts);
        Assert.Equal(new HeldData(1, 2, 0, 0, 0, 0, true), await world.HeldAsync(assignedSince, course, ada));
    }

    [Fact]
    public async Task Erasing_a_batch_twice_deletes_nothing_the_second_time()
    {
        await using var world = await DeletionWorld.StartAsync();
        var (ada, _, registration) = await world.LearnerWithRegistrationAsync();
        await world.GiveHistoryAsync(registration, ada);
        var eraser = world.Services.GetRequiredService<RegistrationEraser>();
        var batch = new[] { new ErasureCandidate(registration, null, InScormCloud: false) };

        var (first, second) = (new ErasureTally(), new ErasureTally());

        await eraser.EraseAsync(ada, batch, first, Ct);
        await eraser.EraseAsync(ada, batch, second, Ct);

        Assert.Equal(new LearnerDeletionCounts(1, 1, 2, 2, 1, 1, 1, 1), first.ToCounts()); // rows: the record and its instance history
        Assert.Equal(LearnerDeletionCounts.None, second.ToCounts());
    }

    [Fact]
    public async Task A_registration_SCORM_Cloud_holds_for_another_learner_is_not_deleted_there_and_the_deletions_count_what_went()
    {
        await using var world = await DeletionWorld.StartAsync();
        var (bob, course, bobs) = await world.LearnerWithRegistrationAsync();
        var ada = NewId("ada");
        // A stale index row of Ada's naming a registration we have no record of, which SCORM Cloud holds for Bob.
        var records = await world.Tables.GetTableAsync(TableNames.Registrations, Ct);
        await records.DeleteEntityAsync(bobs, RegistrationEntity.Row, cancellationToken: Ct);
        var index = await world.Tables.GetTableAsync(TableNames.RegistrationIndex, Ct);
        await index.AddEntityAsync(new TableEntity(RegistrationIndexEntity.LearnerPartition(ada), bobs), Ct);
        var adas = NewId("r");
        await world.AssignAsync(adas, course, ada);
        var tally = new ErasureTally();

        await world.Services.GetRequiredService<RegistrationEraser>().EraseAsync(
            ada, [new ErasureCandidate(bobs, null, InScormCloud: false), new ErasureCandidate(adas, null, InScormCloud: false)], tally, Ct);

        Assert.True(world.Emulator.Services.GetRequiredService<EmulatorStore>().Registrations.ContainsKey(bobs));
        Assert.Equal(HeldData.Nothing, await world.HeldAsync(adas, course, ada));
        var counts = tally.ToCounts();
        Assert.Equal((1, 1, 1), (counts.ScormCloudRegistrations, counts.Registrations, counts.RegistrationRows));
    }

    [Fact]
    public async Task Result_events_not_yet_delivered_go_with_the_learner_and_no_dispatcher_delivers_them()
    {
        await using var world = await DeletionWorld.StartAsync(new Dictionary<string, string?>
        {
            // The LMS is down while the learner is deleted: nothing has been delivered yet.
            ["Events:Webhooks:lms:Url"] = "http://127.0.0.1:9/hooks",
            ["Events:Webhooks:lms:Secret"] = "whsec_" + Convert.ToBase64String("test-only-webhook-secret"u8),
        });
        var (ada, course, adas) = await world.LearnerWithRegistrationAsync();
        var (bob, bobs) = (NewId("bob"), NewId("r"));
        await world.AssignAsync(bobs, course, bob);
        await world.GiveHistoryAsync(adas, ada);
        await world.GiveHistoryAsync(bobs, bob);
        var waitingBefore = (await world.OutboxEventsAsync(adas)).Count + (await world.OutboxEventsAsync(bobs)).Count;

        var started = await world.StartPassAsync(ada);
        await world.CompletionAsync(started);
        var record = await world.RecordAsync(started);
        // The LMS is back.
        var lms = new RecordingSubscriber();
        var dispatcher = new OutboxDispatcher(world.Tables, new EventSubscribers([lms]), Options.Create(new EventOptions()), TimeProvider.System,
            NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.DispatchOnceAsync(Ct);

        Assert.Equal(2, waitingBefore);
        Assert.Equal([bobs], lms.Received);
        Assert.Empty(await world.OutboxEventsAsync(adas));
        Assert.False(await world.HasOutboxMarkerAsync(adas));
        Assert.Equal((1, 3), (record.Registrations, record.RegistrationRows)); // the record, its event, its instance history row
    }

    private sealed class RecordingSubscriber : IEventSubscriber
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Received { get; } = new();

        public string Name => "lms";

        public string Kind => "test";

        public string Target => "memory";

        public Task<DeliveryResult> DeliverAsync(OutboxEventEntity outboxEvent, CancellationToken cancellationToken)
        {
            Received.Enqueue(outboxEvent.PartitionKey);
            return Task.FromResult(new DeliveryResult(true, "204"));
        }
    }
}
