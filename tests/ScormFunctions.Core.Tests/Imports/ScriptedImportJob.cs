using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.Core.Tests.Imports;

/// <summary>
/// The import orchestration on the real in-process Durable engine, with activities scripted by the test (the real
/// activities are tested against Azurite and the emulator elsewhere): what start and each poll answer or throw, how
/// recording behaves, and a record of every call.
/// </summary>
internal sealed class ScriptedImportJob : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<ImportObservation>> polls = new();
    private DurableTaskTestHost? host;

    public ScriptedImportJob(ImportTrackingSettings? settings = null) =>
        Settings = settings ?? new ImportTrackingSettings(
            FirstPollDelay: TimeSpan.FromMilliseconds(100), MaxPollDelay: TimeSpan.FromMilliseconds(400), BackoffFactor: 2,
            PollsPerGeneration: 50, ActivityMaxAttempts: 2,
            ActivityFirstRetryInterval: TimeSpan.FromMilliseconds(100), ActivityMaxRetryInterval: TimeSpan.FromMilliseconds(100));

    public ImportTrackingSettings Settings { get; }

    public const string JobId = "job-1";

    /// <summary>Answer of the start activity (default: the job started).</summary>
    public Func<ImportObservation> Start { get; set; } = () => ImportObservation.Started(JobId);

    /// <summary>Runs before the record activity returns; throw to fail it.</summary>
    public Action<ImportOutcome> Record { get; set; } = _ => { };

    /// <summary>When the poll activity with this 1-based number may return (a test holds a poll open with it).</summary>
    public Func<int, Task> PollGate { get; set; } = _ => Task.CompletedTask;

    /// <summary>Answered once the scripted polls are used up.</summary>
    public Func<ImportObservation> ThenPoll { get; set; } = () => ImportObservation.StillRunning(JobId);

    public ConcurrentQueue<DateTimeOffset> PollTimes { get; } = new();

    public ConcurrentQueue<ImportOutcome> Recorded { get; } = new();

    public int StartCalls;

    public int PollCalls;

    public int RecordCalls;

    public DurableTaskTestHost Host => host ?? throw new InvalidOperationException("Not started.");

    /// <summary>The tracker the Functions app uses, over the engine's real client.</summary>
    public DurableImportTracker Tracker => new(Host.Client, Settings);

    public ScriptedImportJob ThenPolls(params Func<ImportObservation>[] answers)
    {
        foreach (var answer in answers) polls.Enqueue(answer);
        return this;
    }

    public static Func<ImportObservation> Running() => () => ImportObservation.StillRunning(JobId);

    public static Func<ImportObservation> Complete() => () => new ImportObservation(ImportObservationKind.Complete, JobId, Title: "Golf", Version: 0);

    public static Func<ImportObservation> Throws(string message) => () => throw new InvalidOperationException(message);

    public async Task StartHostAsync()
    {
        host = await DurableTaskTestHost.StartAsync(registry => registry
            .AddOrchestratorFunc<ImportRunState, string>(ImportOrchestration.Name, async (context, state) => await ImportOrchestration.RunAsync(context, state!))
            .AddActivityFunc<ImportActivityInput, ImportObservation>(ImportActivityNames.StartJob, (_, _) =>
            {
                Interlocked.Increment(ref StartCalls);
                return Start();
            })
            .AddActivityFunc<ImportActivityInput, ImportObservation>(ImportActivityNames.PollJob, async (_, _) =>
            {
                var number = Interlocked.Increment(ref PollCalls);
                PollTimes.Enqueue(DateTimeOffset.UtcNow);
                await PollGate(number);
                return polls.TryDequeue(out var answer) ? answer() : ThenPoll();
            })
            .AddActivityFunc<ImportOutcome, bool>(ImportActivityNames.RecordOutcome, (_, outcome) =>
            {
                Interlocked.Increment(ref RecordCalls);
                Record(outcome!);
                Recorded.Enqueue(outcome!);
                return true;
            }));
    }

    public static ImportTrackingRequest Request(TimeSpan? deadline = null) =>
        new("course-1", "import-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow + (deadline ?? TimeSpan.FromMinutes(5)));

    public static string InstanceId(ImportTrackingRequest request) => ImportTracking.InstanceId(request.CourseId, request.ImportId);

    /// <summary>Waits (bounded) for the orchestration to finish and returns its output.</summary>
    public async Task<string?> CompletionAsync(ImportTrackingRequest request, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        var metadata = await Host.Client.WaitForInstanceCompletionAsync(InstanceId(request), getInputsAndOutputs: true, cts.Token);
        return metadata.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed
            ? metadata.ReadOutputAs<string>()
            : $"{metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}";
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting until " + what);
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
    }
}
