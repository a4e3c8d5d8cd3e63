using System.Diagnostics;
using System.Diagnostics.Metrics;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Privacy;

/// <summary>
/// Spans and instruments of learner deletion on the shared <see cref="ScormTelemetry"/> source and meter. They carry the
/// learner's pseudonym and the pass, never the learner id.
/// </summary>
public static class LearnerDeletionTelemetry
{
    public const string PseudonymTag = "scorm.learner_pseudonym";
    public const string PassTag = "scorm.deletion_pass";
    public const string KindTag = "kind";

    /// <summary>Passes that ended; tag <c>status</c> = completed | failed.</summary>
    public static readonly Counter<long> Finished = ScormTelemetry.Meter.CreateCounter<long>(
        "scorm.learner_deletions.finished", "{deletion}", "Learner deletion passes that ended, by status.");

    /// <summary>Items deleted, by <c>kind</c> (the API's names: registrations, archivedPostbacks, …).</summary>
    public static readonly Counter<long> Deleted = ScormTelemetry.Meter.CreateCounter<long>(
        "scorm.learner_deletions.deleted", "{item}", "Items deleted by learner deletions, by kind.");

    /// <summary>From the DELETE request to the end of the pass; tag <c>status</c>.</summary>
    public static readonly Histogram<double> Duration = ScormTelemetry.Meter.CreateHistogram<double>(
        "scorm.learner_deletion.duration", "s", "Time from a learner deletion request to the end of its pass, by status.");

    public static Dictionary<string, object?> Scope(string pseudonym, int pass) =>
        new() { ["LearnerPseudonym"] = pseudonym, ["DeletionPass"] = pass };

    /// <summary>A span for one step, in the trace of the request that started the pass (linked when another span is current).</summary>
    public static Activity? StartStep(string name, string pseudonym, int pass, string? traceParent) =>
        ScormTelemetry.StartStep(name, traceParent)?.SetTag(PseudonymTag, pseudonym).SetTag(PassTag, pass);

    public static void CountDeleted(LearnerDeletionCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var (kind, count) in counts.ByKind())
        {
            if (count > 0) Deleted.Add(count, new KeyValuePair<string, object?>(KindTag, kind));
        }
    }

    /// <summary>
    /// The pass as one span from its request to its end (emitted when it ends: the pass outlives any one process),
    /// plus the finished counter and the duration.
    /// </summary>
    public static void RecordFinished(LearnerDeletionEntity deletion, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        var status = new KeyValuePair<string, object?>(ScormTags.Status, deletion.Status);
        Finished.Add(1, status);
        Duration.Record((finishedAt - deletion.StartedAt).TotalSeconds, status);
        ActivityContext.TryParse(deletion.TraceParent, null, out var started);
        using var span = ScormTelemetry.Source.StartActivity(
            "learner_deletion", ActivityKind.Internal, started, startTime: deletion.StartedAt);
        if (span is null) return;
        span.SetTag(PseudonymTag, deletion.PartitionKey).SetTag(PassTag, deletion.Pass).SetTag(ScormTags.Status, deletion.Status);
        foreach (var (kind, count) in deletion.Counts.ByKind()) span.SetTag("scorm.deleted." + kind, count);
        if (deletion.Status == LearnerDeletionStatus.Failed) span.Fail(deletion.LastError);
        span.SetEndTime(finishedAt.UtcDateTime);
    }
}
