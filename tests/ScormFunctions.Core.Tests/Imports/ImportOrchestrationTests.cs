using Microsoft.DurableTask.Client;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.Core.Tests.Imports;

/// <summary>
/// <see cref="ImportOrchestration"/> on the real Durable engine (in-process test host: real timers, real events, real
/// retry policy and ContinueAsNew), started and signalled through the Functions app's <see cref="DurableImportTracker"/>.
/// </summary>
public sealed class ImportOrchestrationTests
{
    [Fact]
    public async Task Polls_with_backoff_until_the_job_completes_and_records_once()
    {
        await using var job = new ScriptedImportJob().ThenPolls(ScriptedImportJob.Running(), ScriptedImportJob.Running(), ScriptedImportJob.Running(), ScriptedImportJob.Complete());
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request();

        await job.Tracker.StartAsync(request, TestContext.Current.CancellationToken);
        var output = await job.CompletionAsync(request);

        Assert.Equal(ImportStatus.Succeeded, output);
        Assert.Equal(1, job.StartCalls);
        Assert.Equal(4, job.PollCalls);
        var outcome = Assert.Single(job.Recorded);
        Assert.Equal((ImportStatus.Succeeded, ScriptedImportJob.JobId, "Golf"), (outcome.Status, outcome.JobId, outcome.Title));
        // Backoff: 100 ms, 200 ms, 400 ms (capped) between polls; each gap at least its delay.
        var times = job.PollTimes.ToArray();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
        Assert.True(gaps[0] >= TimeSpan.FromMilliseconds(180) && gaps[1] >= TimeSpan.FromMilliseconds(380) && gaps[2] >= TimeSpan.FromMilliseconds(380),
            "poll gaps: " + string.Join(", ", gaps.Select(g => g.TotalMilliseconds)));
    }

    [Fact]
    public async Task Postback_wakes_the_orchestration_long_before_the_poll_timer()
    {
        var slow = new ImportTrackingSettings(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), 2, 50, 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        await using var job = new ScriptedImportJob(slow).ThenPolls(ScriptedImportJob.Complete());
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request();
        await job.Tracker.StartAsync(request, TestContext.Current.CancellationToken);
        await ScriptedImportJob.EventuallyAsync(() => job.StartCalls == 1, "the job started");
        await Task.Delay(300, TestContext.Current.CancellationToken);

        await job.Tracker.SignalAsync(request.CourseId, request.ImportId, TestContext.Current.CancellationToken);
        var output = await job.CompletionAsync(request, TimeSpan.FromSeconds(15));

        Assert.Equal(ImportStatus.Succeeded, output);
        Assert.Equal(1, job.PollCalls);
    }

    [Fact]
    public async Task A_postback_during_a_poll_or_right_after_a_timer_is_never_swallowed()
    {
        // Poll timers of 10 minutes: after the start, only postbacks can make the orchestration poll.
        var slow = new ImportTrackingSettings(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), 2, 50, 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        var secondPollMayReturn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var job = new ScriptedImportJob(slow) { PollGate = n => n == 2 ? secondPollMayReturn.Task : Task.CompletedTask }
            .ThenPolls(ScriptedImportJob.Running(), ScriptedImportJob.Running(), ScriptedImportJob.Complete());
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request();
        var ct = TestContext.Current.CancellationToken;
        await job.Tracker.StartAsync(request, ct);
        await ScriptedImportJob.EventuallyAsync(() => job.StartCalls == 1, "the job started");

        // 1st postback: wakes the waiting orchestration (poll 1, running).
        await job.Tracker.SignalAsync(request.CourseId, request.ImportId, ct);
        await ScriptedImportJob.EventuallyAsync(() => job.PollCalls == 1, "poll 1 after the first postback");
        // 2nd postback: poll 2 starts and is held open; a 3rd postback arrives while it runs.
        await job.Tracker.SignalAsync(request.CourseId, request.ImportId, ct);
        await ScriptedImportJob.EventuallyAsync(() => job.PollCalls == 2, "poll 2 after the second postback");
        await job.Tracker.SignalAsync(request.CourseId, request.ImportId, ct);
        await Task.Delay(300, ct);
        secondPollMayReturn.SetResult();

        // The 3rd postback was buffered while poll 2 ran: it must cause poll 3 (complete) now, not in 10 minutes.
        var output = await job.CompletionAsync(request, TimeSpan.FromSeconds(15));

        Assert.Equal(ImportStatus.Succeeded, output);
        Assert.Equal(3, job.PollCalls);
    }

    [Fact]
    public async Task Activity_failures_are_retried_by_policy_then_only_back_off_never_failing_the_import()
    {
        // ActivityMaxAttempts = 2: four throwing polls are two failed activity calls (outages), then it completes.
        await using var job = new ScriptedImportJob()
            .ThenPolls(ScriptedImportJob.Throws("503 from SCORM Cloud"), ScriptedImportJob.Throws("503"), ScriptedImportJob.Throws("503"), ScriptedImportJob.Throws("503"), ScriptedImportJob.Complete());
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request();

        await job.Tracker.StartAsync(request, TestContext.Current.CancellationToken);
        var output = await job.CompletionAsync(request);

        Assert.Equal(ImportStatus.Succeeded, output);
        Assert.Equal(5, job.PollCalls);
        Assert.Single(job.Recorded);
    }

    [Fact]
    public async Task ContinueAsNew_carries_the_state_across_generations()
    {
        var shortHistory = new ImportTrackingSettings(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), 1, PollsPerGeneration: 2, 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        await using var job = new ScriptedImportJob(shortHistory)
            .ThenPolls(ScriptedImportJob.Running(), ScriptedImportJob.Running(), ScriptedImportJob.Running(), ScriptedImportJob.Running(), ScriptedImportJob.Running(), ScriptedImportJob.Complete());
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request();

        await job.Tracker.StartAsync(request, TestContext.Current.CancellationToken);
        var output = await job.CompletionAsync(request);
        var final = await job.Host.Client.GetInstanceAsync(ScriptedImportJob.InstanceId(request), getInputsAndOutputs: true, TestContext.Current.CancellationToken);

        // Several generations (each with input = the carried state), one start, every poll, one outcome.
        Assert.Equal(ImportStatus.Succeeded, output);
        Assert.Equal(1, job.StartCalls);
        Assert.Equal(6, job.PollCalls);
        Assert.Single(job.Recorded);
        var carried = final!.ReadInputAs<ImportRunState>()!;
        Assert.Equal(ScriptedImportJob.JobId, carried.JobId);
        Assert.True(carried.Polls >= 4, $"the last generation's input carries the poll count ({carried.Polls})");
    }

    [Fact]
    public async Task A_job_still_running_at_the_deadline_ends_timed_out()
    {
        await using var job = new ScriptedImportJob();
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request(deadline: TimeSpan.FromSeconds(2));

        await job.Tracker.StartAsync(request, TestContext.Current.CancellationToken);
        var output = await job.CompletionAsync(request);

        Assert.Equal(ImportStatus.TimedOut, output);
        var outcome = Assert.Single(job.Recorded);
        Assert.Contains("deadline", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_is_retried_until_it_lands()
    {
        var failures = 0;
        await using var job = new ScriptedImportJob
        {
            // Five failures: more than one activity call's two attempts, so the orchestration's own loop retries too.
            Record = _ =>
            {
                if (Interlocked.Increment(ref failures) <= 5) throw new InvalidOperationException("storage unavailable");
            },
        }.ThenPolls(ScriptedImportJob.Complete());
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request();

        await job.Tracker.StartAsync(request, TestContext.Current.CancellationToken);
        var output = await job.CompletionAsync(request);

        Assert.Equal(ImportStatus.Succeeded, output);
        Assert.Equal(6, job.RecordCalls);
        Assert.Single(job.Recorded);
    }

    [Fact]
    public async Task A_second_start_is_a_no_op_but_a_terminated_instance_is_started_again()
    {
        var slow = new ImportTrackingSettings(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), 2, 50, 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        await using var job = new ScriptedImportJob(slow);
        await job.StartHostAsync();
        var request = ScriptedImportJob.Request();
        var ct = TestContext.Current.CancellationToken;
        var id = ScriptedImportJob.InstanceId(request);

        await job.Tracker.StartAsync(request, ct);
        await ScriptedImportJob.EventuallyAsync(() => job.StartCalls == 1, "the first start");
        await job.Tracker.StartAsync(request, ct);
        await Task.Delay(500, ct);
        Assert.Equal(1, job.StartCalls);

        await job.Host.Client.TerminateInstanceAsync(id, "operator", ct);
        await job.Host.Client.WaitForInstanceCompletionAsync(id, ct);
        job.ThenPolls(ScriptedImportJob.Complete());
        await job.Tracker.StartAsync(request, ct);
        await ScriptedImportJob.EventuallyAsync(() => job.StartCalls == 2, "the restart");
        await job.Tracker.SignalAsync(request.CourseId, request.ImportId, ct);
        var output = await job.CompletionAsync(request);

        Assert.Equal(ImportStatus.Succeeded, output);
        Assert.Single(job.Recorded);
    }
}
