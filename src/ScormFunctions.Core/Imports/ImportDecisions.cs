namespace ScormFunctions.Core.Imports;

/// <summary>
/// The tracking settings the decisions (and the Durable retry policy) need; carried in the orchestration input so
/// replays see the same values. <paramref name="ExpectPostbacks"/>: the job's postback is expected to wake the
/// tracker, so polls are only the fallback for a lost one and wait <paramref name="MaxPollDelay"/> each (false, as in
/// orchestrations started before it existed: the doubling backoff from <paramref name="FirstPollDelay"/>).
/// </summary>
public sealed record ImportTrackingSettings(
    TimeSpan FirstPollDelay,
    TimeSpan MaxPollDelay,
    double BackoffFactor,
    int PollsPerGeneration,
    int ActivityMaxAttempts = 5,
    TimeSpan? ActivityFirstRetryInterval = null,
    TimeSpan? ActivityMaxRetryInterval = null,
    bool ExpectPostbacks = false);

/// <summary>
/// Where one import's tracking stands. Flat and small: it is the orchestration input (and ContinueAsNew input) in
/// every host.
/// </summary>
/// <param name="CourseId">The course.</param>
/// <param name="ImportId">The import (= upload id).</param>
/// <param name="Deadline">Absolute: a job still running (or SCORM Cloud still unreachable) at this time ends as timedOut.</param>
/// <param name="Settings">Backoff and history settings, fixed for the run.</param>
/// <param name="JobId">SCORM Cloud's import job id, once started.</param>
/// <param name="Polls">RUNNING answers so far (drives the poll backoff).</param>
/// <param name="Failures">Consecutive steps that could not reach SCORM Cloud or storage (drives the outage backoff).</param>
/// <param name="StepsThisGeneration">Waits since the last ContinueAsNew.</param>
public sealed record ImportRunState(
    string CourseId,
    string ImportId,
    DateTimeOffset Deadline,
    ImportTrackingSettings Settings,
    string? JobId = null,
    int Polls = 0,
    int Failures = 0,
    int StepsThisGeneration = 0)
{
    /// <summary>The traceparent of the starting request (see <see cref="ImportTrackingRequest"/>); carried, never decided on.</summary>
    public string? TraceParent { get; init; }
}

public enum ImportObservationKind
{
    /// <summary>The SCORM Cloud job exists (just started, or already recorded).</summary>
    JobStarted,

    /// <summary>SCORM Cloud refused to start the job for good (4xx other than 408/429): the import fails.</summary>
    StartRefused,

    /// <summary>The job is still RUNNING.</summary>
    Running,

    /// <summary>The job is COMPLETE: the course exists.</summary>
    Complete,

    /// <summary>The job ended in ERROR (or is unknown to SCORM Cloud).</summary>
    Error,

    /// <summary>The step failed in a way that may pass: SCORM Cloud 5xx/429/transport, storage down. Never fails an import.</summary>
    Unavailable,
}

/// <summary>What one step (start or poll) saw. Flat so that Durable serializes it without polymorphism.</summary>
public sealed record ImportObservation(
    ImportObservationKind Kind,
    string? JobId = null,
    string? Message = null,
    string? Title = null,
    string? LearningStandard = null,
    int? Version = null,
    IReadOnlyList<string>? ParserWarnings = null)
{
    public static ImportObservation Started(string jobId) => new(ImportObservationKind.JobStarted, jobId);

    public static ImportObservation Refused(string message) => new(ImportObservationKind.StartRefused, Message: message);

    public static ImportObservation StillRunning(string jobId) => new(ImportObservationKind.Running, jobId);

    public static ImportObservation Failed(string jobId, string message) => new(ImportObservationKind.Error, jobId, message);

    public static ImportObservation Unreachable(string message) => new(ImportObservationKind.Unavailable, Message: message);
}

public enum ImportDecisionKind
{
    /// <summary>Not finished: run the next step at <see cref="ImportDecision.NextStepAt"/> (or when the job's postback arrives).</summary>
    Wait,
    Succeeded,
    Failed,
    TimedOut,
}

/// <summary>The result of an import, written to the import and course records.</summary>
public sealed record ImportOutcome(
    string CourseId,
    string ImportId,
    string Status,
    string? JobId,
    string? Title,
    string? LearningStandard,
    int? Version,
    IReadOnlyList<string> ParserWarnings,
    string? Error);

/// <summary>
/// What to do next. <see cref="Next"/> is the state for the next step; <see cref="ContinueAsNew"/> tells the Durable
/// orchestration to restart with <see cref="Next"/> to keep its history short.
/// </summary>
public sealed record ImportDecision(
    ImportDecisionKind Kind,
    ImportRunState Next,
    DateTimeOffset? NextStepAt,
    bool ContinueAsNew,
    ImportOutcome? Outcome)
{
    public bool IsFinal => Kind != ImportDecisionKind.Wait;
}

/// <summary>
/// The import-tracking rules as one pure function of (state, observation, now): next poll time with backoff
/// (FirstPollDelay doubling to MaxPollDelay; MaxPollDelay when the job's postback is expected), success, failure, timeout at the absolute deadline, and when to
/// ContinueAsNew. No I/O, no clock: the orchestration calls it with its replay-safe clock.
/// </summary>
public static class ImportDecisions
{
    /// <summary>The wait before step <paramref name="index"/> (0-based): first × factor^index, capped.</summary>
    public static TimeSpan Delay(int index, ImportTrackingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (index <= 0) return settings.FirstPollDelay;
        var ticks = settings.FirstPollDelay.Ticks * Math.Pow(settings.BackoffFactor, Math.Min(index, 62));
        return ticks >= settings.MaxPollDelay.Ticks || double.IsInfinity(ticks)
            ? settings.MaxPollDelay
            : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The wait before the poll that follows <paramref name="polls"/> RUNNING answers: the doubling backoff, or the
    /// fallback interval when the job's postback is expected (a poll before it would only see RUNNING again).
    /// </summary>
    public static TimeSpan PollDelay(int polls, ImportTrackingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ExpectPostbacks ? settings.MaxPollDelay : Delay(polls, settings);
    }

    public static ImportDecision Decide(ImportRunState state, ImportObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observation);
        switch (observation.Kind)
        {
            case ImportObservationKind.JobStarted:
                // A started job is always polled at least once, even at the deadline.
                return Wait(state with { JobId = observation.JobId ?? state.JobId, Polls = 0, Failures = 0 }, now, PollDelay(0, state.Settings));

            case ImportObservationKind.StartRefused:
                return Final(ImportDecisionKind.Failed, state, Outcome(state, ImportStatus.Failed, observation.Message ?? "SCORM Cloud refused the import."));

            case ImportObservationKind.Complete:
                return Final(ImportDecisionKind.Succeeded, state, new ImportOutcome(
                    state.CourseId, state.ImportId, ImportStatus.Succeeded, observation.JobId ?? state.JobId, observation.Title,
                    observation.LearningStandard, observation.Version, observation.ParserWarnings ?? [], null));

            case ImportObservationKind.Error:
                return Final(ImportDecisionKind.Failed, state, Outcome(state, ImportStatus.Failed,
                    observation.Message ?? "SCORM Cloud reported an import error without a message."));

            case ImportObservationKind.Running:
            {
                if (now >= state.Deadline)
                {
                    return Final(ImportDecisionKind.TimedOut, state, Outcome(state, ImportStatus.TimedOut,
                        $"SCORM Cloud was still importing (job {state.JobId}) at the deadline {state.Deadline:u}."));
                }
                var next = state with { Polls = state.Polls + 1, Failures = 0 };
                return Wait(next, now, PollDelay(next.Polls, state.Settings));
            }

            case ImportObservationKind.Unavailable:
            {
                if (now >= state.Deadline)
                {
                    return Final(ImportDecisionKind.TimedOut, state, Outcome(state, ImportStatus.TimedOut,
                        $"The import could not be {(state.JobId is null ? "started" : "followed")} before the deadline {state.Deadline:u}; last error: {observation.Message}"));
                }
                var next = state with { Failures = state.Failures + 1 };
                return Wait(next, now, Delay(next.Failures - 1, state.Settings));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(observation), observation.Kind, "Unknown observation.");
        }
    }

    private static ImportDecision Wait(ImportRunState next, DateTimeOffset now, TimeSpan delay)
    {
        var at = now + delay;
        if (at > next.Deadline) at = next.Deadline < now ? now : next.Deadline;
        var steps = next.StepsThisGeneration + 1;
        var continueAsNew = steps >= next.Settings.PollsPerGeneration;
        return new ImportDecision(ImportDecisionKind.Wait, next with { StepsThisGeneration = continueAsNew ? 0 : steps }, at, continueAsNew, null);
    }

    private static ImportDecision Final(ImportDecisionKind kind, ImportRunState state, ImportOutcome outcome) =>
        new(kind, state, null, false, outcome);

    private static ImportOutcome Outcome(ImportRunState state, string status, string error) =>
        new(state.CourseId, state.ImportId, status, state.JobId, null, null, null, [], error);
}
