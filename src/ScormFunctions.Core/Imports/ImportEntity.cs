using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Imports;

/// <summary>One import of an uploaded package: partition = course id, row = import id (= the upload id).</summary>
public sealed class ImportEntity : ITableEntity
{
    /// <summary>The course id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The import id (the upload id: one import per upload).</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><see cref="ImportStatus"/> as text.</summary>
    public string Status { get; set; } = ImportStatus.Running;

    /// <summary><see cref="ImportMode"/> as text (fetch|relay).</summary>
    public string Mode { get; set; } = "";

    public bool MayCreateNewVersion { get; set; }

    /// <summary>SCORM Cloud's <c>WhenToRestartRegistration</c> to set on the course when this import succeeds, if asked.</summary>
    public string? WhenToRestartRegistration { get; set; }

    /// <summary>Blob name in the uploads container.</summary>
    public string BlobName { get; set; } = "";

    public long? PackageBytes { get; set; }

    /// <summary>
    /// The blob's ETag when it was inspected at import start: exactly these bytes are imported (a conditional download in
    /// relay mode, a snapshot taken under this ETag in fetch mode), so a package swapped after the checks is refused.
    /// </summary>
    public string? PackageETag { get; set; }

    /// <summary>SCORM Cloud's import job id once started (a retried start reuses it instead of starting another).</summary>
    public string? JobId { get; set; }

    /// <summary>Calls made to start the SCORM Cloud job; more than one without a job id means an earlier answer was lost.</summary>
    public int StartAttempts { get; set; }

    /// <summary>
    /// When the latest of those calls that got no answer was made (the host died, the call timed out): how long the
    /// job it may have started has had to show up. Null when every call so far was answered (429, 5xx, an error).
    /// </summary>
    public DateTimeOffset? UnansweredStartAt { get; set; }

    public string? Title { get; set; }

    public string? LearningStandard { get; set; }

    public int? Version { get; set; }

    /// <summary>JSON array of parser warnings (ours from inspection, then SCORM Cloud's).</summary>
    public string? ParserWarnings { get; set; }

    public string? Error { get; set; }

    /// <summary>Machine-readable reason of a failure at import start (the inspector's code, UploadMissing, TooLarge).</summary>
    public string? ErrorCode { get; set; }

    /// <summary>True when the import was rejected before anything reached SCORM Cloud (a new start may re-inspect).</summary>
    public bool RejectedAtStart { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>W3C traceparent of the request that started the import: the orchestration's steps join its trace.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset Deadline { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public static string Key(ImportMode mode) => mode == ImportMode.Fetch ? "fetch" : "relay";
}

/// <summary>Lifecycle of an import.</summary>
public static class ImportStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string TimedOut = "timedOut";

    public static bool IsFinal(string status) => status is Succeeded or Failed or TimedOut;
}
