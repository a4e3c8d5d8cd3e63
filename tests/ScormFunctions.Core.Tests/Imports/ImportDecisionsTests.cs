using ScormFunctions.Core.Imports;

namespace ScormFunctions.Core.Tests.Imports;

/// <summary>Every path of the pure tracking decisions, no I/O.</summary>
public sealed class ImportDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly ImportTrackingSettings Settings = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 2, 50);

    private static ImportRunState State(string? jobId = null, int polls = 0, int failures = 0, int steps = 0, TimeSpan? deadlineIn = null) =>
        new("course-1", "import-1", T0 + (deadlineIn ?? TimeSpan.FromHours(3)), Settings, jobId, polls, failures, steps);

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 16)]
    [InlineData(4, 30)]
    [InlineData(5, 30)]
    [InlineData(1000, 30)]
    public void Delay_doubles_from_two_seconds_to_a_thirty_second_cap(int index, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ImportDecisions.Delay(index, Settings));
    }

    [Fact]
    public void Delay_with_factor_one_stays_at_the_first_delay()
    {
        var flat = Settings with { BackoffFactor = 1 };

        Assert.Equal(TimeSpan.FromSeconds(2), ImportDecisions.Delay(7, flat));
    }

    [Fact]
    public void Job_started_waits_the_first_delay_and_records_the_job()
    {
        var decision = ImportDecisions.Decide(State(failures: 3), ImportObservation.Started("job-1"), T0);

        Assert.Equal(ImportDecisionKind.Wait, decision.Kind);
        Assert.False(decision.IsFinal);
        Assert.Equal(T0 + TimeSpan.FromSeconds(2), decision.NextStepAt);
        Assert.Equal("job-1", decision.Next.JobId);
        Assert.Equal(0, decision.Next.Polls);
        Assert.Equal(0, decision.Next.Failures);
        Assert.Null(decision.Outcome);
    }

    [Fact]
    public void Job_started_after_the_deadline_is_still_polled_once_now()
    {
        var state = State(deadlineIn: TimeSpan.FromSeconds(-5));

        var decision = ImportDecisions.Decide(state, ImportObservation.Started("job-1"), T0);

        Assert.Equal(ImportDecisionKind.Wait, decision.Kind);
        Assert.Equal(T0, decision.NextStepAt);
    }

    [Fact]
    public void Running_backs_off_by_poll_count()
    {
        var decision = ImportDecisions.Decide(State("job-1", polls: 2), ImportObservation.StillRunning("job-1"), T0);

        Assert.Equal(ImportDecisionKind.Wait, decision.Kind);
        Assert.Equal(3, decision.Next.Polls);
        Assert.Equal(T0 + TimeSpan.FromSeconds(16), decision.NextStepAt);
    }

    [Fact]
    public void With_postbacks_expected_every_poll_is_a_fallback_at_the_cap()
    {
        // The postback wakes the tracker when the job ends; an earlier poll would only see RUNNING (the imports bench's
        // extra calls: the 2 s and 6 s polls of a 5 s job).
        var expecting = Settings with { ExpectPostbacks = true };

        var started = ImportDecisions.Decide(State() with { Settings = expecting }, ImportObservation.Started("job-1"), T0);
        var running = ImportDecisions.Decide(State("job-1") with { Settings = expecting }, ImportObservation.StillRunning("job-1"), T0);
        var outage = ImportDecisions.Decide(State("job-1") with { Settings = expecting }, ImportObservation.Unreachable("down"), T0);

        Assert.Equal(T0 + TimeSpan.FromSeconds(30), started.NextStepAt);
        Assert.Equal(T0 + TimeSpan.FromSeconds(30), running.NextStepAt);
        Assert.Equal(T0 + TimeSpan.FromSeconds(2), outage.NextStepAt);
    }

    [Fact]
    public void Expecting_postbacks_is_the_default_of_the_options_and_not_of_older_orchestration_inputs()
    {
        var older = System.Text.Json.JsonSerializer.Deserialize<ImportTrackingSettings>(
            """{"FirstPollDelay":"00:00:02","MaxPollDelay":"00:00:30","BackoffFactor":2,"PollsPerGeneration":50}""");

        Assert.True(new ImportOptions().ToTrackingSettings().ExpectPostbacks);
        Assert.False(older!.ExpectPostbacks);
    }

    [Fact]
    public void Running_resets_the_failure_count()
    {
        var decision = ImportDecisions.Decide(State("job-1", failures: 4), ImportObservation.StillRunning("job-1"), T0);

        Assert.Equal(0, decision.Next.Failures);
    }

    [Fact]
    public void Running_never_waits_past_the_deadline()
    {
        var state = State("job-1", polls: 10, deadlineIn: TimeSpan.FromSeconds(7));

        var decision = ImportDecisions.Decide(state, ImportObservation.StillRunning("job-1"), T0);

        Assert.Equal(ImportDecisionKind.Wait, decision.Kind);
        Assert.Equal(state.Deadline, decision.NextStepAt);
    }

    [Fact]
    public void Running_at_the_deadline_times_out()
    {
        var state = State("job-1", polls: 10, deadlineIn: TimeSpan.Zero);

        var decision = ImportDecisions.Decide(state, ImportObservation.StillRunning("job-1"), T0);

        Assert.Equal(ImportDecisionKind.TimedOut, decision.Kind);
        Assert.True(decision.IsFinal);
        Assert.Null(decision.NextStepAt);
        var outcome = Assert.IsType<ImportOutcome>(decision.Outcome);
        Assert.Equal(ImportStatus.TimedOut, outcome.Status);
        Assert.Equal("job-1", outcome.JobId);
        Assert.Contains("job-1", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_succeeds_with_the_course_details()
    {
        var observation = new ImportObservation(ImportObservationKind.Complete, "job-1", null, "Golf", "SCORM12", 0, ["w1"]);

        var decision = ImportDecisions.Decide(State("job-1", polls: 1), observation, T0);

        Assert.Equal(ImportDecisionKind.Succeeded, decision.Kind);
        var outcome = decision.Outcome!;
        Assert.Equal(ImportStatus.Succeeded, outcome.Status);
        Assert.Equal("course-1", outcome.CourseId);
        Assert.Equal("import-1", outcome.ImportId);
        Assert.Equal("Golf", outcome.Title);
        Assert.Equal("SCORM12", outcome.LearningStandard);
        Assert.Equal(0, outcome.Version);
        Assert.Equal(["w1"], outcome.ParserWarnings);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public void Complete_after_the_deadline_still_succeeds()
    {
        var decision = ImportDecisions.Decide(State("job-1", deadlineIn: TimeSpan.FromMinutes(-1)),
            new ImportObservation(ImportObservationKind.Complete, "job-1", Title: "T"), T0);

        Assert.Equal(ImportDecisionKind.Succeeded, decision.Kind);
        Assert.Empty(decision.Outcome!.ParserWarnings);
    }

    [Fact]
    public void Error_fails_with_scorm_clouds_message()
    {
        var decision = ImportDecisions.Decide(State("job-1"), ImportObservation.Failed("job-1", "Bad manifest."), T0);

        Assert.Equal(ImportDecisionKind.Failed, decision.Kind);
        Assert.Equal(ImportStatus.Failed, decision.Outcome!.Status);
        Assert.Equal("Bad manifest.", decision.Outcome.Error);
    }

    [Fact]
    public void Error_without_a_message_still_explains()
    {
        var decision = ImportDecisions.Decide(State("job-1"), new ImportObservation(ImportObservationKind.Error, "job-1"), T0);

        Assert.False(string.IsNullOrWhiteSpace(decision.Outcome!.Error));
    }

    [Fact]
    public void Start_refused_fails_without_a_job()
    {
        var decision = ImportDecisions.Decide(State(), ImportObservation.Refused("Course [c] already exists"), T0);

        Assert.Equal(ImportDecisionKind.Failed, decision.Kind);
        Assert.Null(decision.Outcome!.JobId);
        Assert.Equal("Course [c] already exists", decision.Outcome.Error);
    }

    [Fact]
    public void Unavailable_before_the_start_backs_off_and_never_fails()
    {
        var state = State();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var decision = ImportDecisions.Decide(state, ImportObservation.Unreachable("503"), T0);
            Assert.Equal(ImportDecisionKind.Wait, decision.Kind);
            delays.Add(decision.NextStepAt!.Value - T0);
            state = decision.Next;
        }

        Assert.Equal([2, 4, 8, 16, 30, 30, 30, 30], delays.Select(d => (int)d.TotalSeconds));
        Assert.Equal(8, state.Failures);
        Assert.Null(state.JobId);
    }

    [Fact]
    public void Unavailable_while_polling_keeps_the_poll_count()
    {
        var decision = ImportDecisions.Decide(State("job-1", polls: 3), ImportObservation.Unreachable("429"), T0);

        Assert.Equal(3, decision.Next.Polls);
        Assert.Equal(1, decision.Next.Failures);
        Assert.Equal("job-1", decision.Next.JobId);
    }

    [Fact]
    public void Unavailable_at_the_deadline_times_out_with_the_last_error()
    {
        var decision = ImportDecisions.Decide(State(deadlineIn: TimeSpan.FromSeconds(-1)), ImportObservation.Unreachable("SCORM Cloud 503"), T0);

        Assert.Equal(ImportDecisionKind.TimedOut, decision.Kind);
        Assert.Contains("SCORM Cloud 503", decision.Outcome!.Error, StringComparison.Ordinal);
        Assert.Contains("started", decision.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Continue_as_new_after_the_configured_number_of_waits()
    {
        var state = State("job-1", steps: 48);

        var first = ImportDecisions.Decide(state, ImportObservation.StillRunning("job-1"), T0);
        var second = ImportDecisions.Decide(first.Next, ImportObservation.StillRunning("job-1"), T0);

        Assert.False(first.ContinueAsNew);
        Assert.Equal(49, first.Next.StepsThisGeneration);
        Assert.True(second.ContinueAsNew);
        Assert.Equal(0, second.Next.StepsThisGeneration);
        Assert.Equal(2, second.Next.Polls);
    }

    [Fact]
    public void Final_decisions_never_continue_as_new()
    {
        var decision = ImportDecisions.Decide(State("job-1", steps: 49), ImportObservation.Failed("job-1", "x"), T0);

        Assert.False(decision.ContinueAsNew);
    }

    [Fact]
    public void Unknown_observation_kind_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ImportDecisions.Decide(State(), new ImportObservation((ImportObservationKind)99), T0));
    }

    [Fact]
    public void Instance_id_is_deterministic_and_hashed_when_long()
    {
        var shortId = ImportTracking.InstanceId("golf", "0123456789abcdef0123456789abcdef");
        var longA = ImportTracking.InstanceId(new string('c', 200), "0123456789abcdef0123456789abcdef");
        var longB = ImportTracking.InstanceId(new string('c', 200), "0123456789abcdef0123456789abcdef");

        Assert.Equal("import-golf-0123456789abcdef0123456789abcdef", shortId);
        Assert.Equal(longA, longB);
        Assert.StartsWith("import-", longA, StringComparison.Ordinal);
        Assert.True(longA.Length <= 100);
        Assert.NotEqual(longA, ImportTracking.InstanceId(new string('c', 199), "0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public void Run_state_round_trips_through_json_as_durable_serializes_it()
    {
        var state = State("job-1", polls: 2, failures: 1, steps: 3);

        var json = System.Text.Json.JsonSerializer.Serialize(state);
        var back = System.Text.Json.JsonSerializer.Deserialize<ImportRunState>(json);

        Assert.Equal(state, back);
    }
}
