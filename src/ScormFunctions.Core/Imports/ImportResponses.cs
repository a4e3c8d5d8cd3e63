using System.Text.Json;

namespace ScormFunctions.Core.Imports;

/// <summary>Everything a SPA needs to upload a package: a single PUT, or Put Block + Put Block List for large files.</summary>
/// <param name="UploadId">Pass it to POST /api/courses/{courseId}/imports.</param>
/// <param name="UploadUrl">SAS URL for exactly one new blob; create/write only; expires at <paramref name="ExpiresAt"/>.</param>
/// <param name="Method">PUT.</param>
/// <param name="Headers">Headers for the single-shot PUT (Put Blob).</param>
/// <param name="ExpiresAt">When the upload URL stops working.</param>
/// <param name="MaxBytes">Largest package an import accepts.</param>
/// <param name="BlockSizeBytes">Recommended block size for Put Block uploads.</param>
/// <param name="SinglePutMaxBytes">Above this size, upload in blocks.</param>
/// <param name="Blocks">How to upload in blocks.</param>
public sealed record UploadResponse(
    string UploadId,
    Uri UploadUrl,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ExpiresAt,
    long MaxBytes,
    long BlockSizeBytes,
    long SinglePutMaxBytes,
    BlockUploadGuide Blocks);

/// <summary>The Put Block / Put Block List protocol, spelled out for the SPA.</summary>
public sealed record BlockUploadGuide(
    string PutBlock,
    string PutBlockList,
    string BlockIds,
    int MaxBlocks)
{
    public static BlockUploadGuide Default { get; } = new(
        "PUT {uploadUrl}&comp=block&blockid={blockId} with the block's bytes as the body (no x-ms-blob-type header)",
        "PUT {uploadUrl}&comp=blocklist with body <?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList><Latest>{blockId}</Latest>…</BlockList> in upload order; header x-ms-blob-content-type: application/zip",
        "Base64 of ids of equal length (e.g. the 6-digit block number), URL-encoded in the query",
        50_000);
}

/// <summary>
/// Request body of <c>POST /api/courses/{courseId}/imports</c>; <c>whenToRestartRegistration</c> (optional) is set on the
/// course in SCORM Cloud when the import succeeds (what a new version does to existing registrations).
/// </summary>
public sealed record StartImportRequest(string? UploadId, bool? MayCreateNewVersion, string? Mode, string? WhenToRestartRegistration = null);

/// <summary>202 body of <c>POST /api/courses/{courseId}/imports</c>.</summary>
public sealed record ImportAccepted(string ImportId, string Status, string StatusUrl);

/// <summary>An import as the API returns it.</summary>
public sealed record ImportResponse(
    string ImportId,
    string CourseId,
    string Status,
    string Mode,
    bool MayCreateNewVersion,
    string? Title,
    string? LearningStandard,
    int? Version,
    IReadOnlyList<string> ParserWarnings,
    string? Error,
    string? ErrorCode,
    string? JobId,
    long? PackageBytes,
    DateTimeOffset StartedAt,
    DateTimeOffset Deadline,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? UploadRetainedUntil)
{
    public static ImportResponse From(ImportEntity e, int failedUploadRetentionDays)
    {
        ArgumentNullException.ThrowIfNull(e);
        var failed = e.Status is ImportStatus.Failed or ImportStatus.TimedOut;
        return new(e.RowKey, e.PartitionKey, e.Status, e.Mode, e.MayCreateNewVersion, e.Title, e.LearningStandard, e.Version,
            string.IsNullOrEmpty(e.ParserWarnings) ? [] : JsonSerializer.Deserialize<string[]>(e.ParserWarnings) ?? [],
            e.Error, e.ErrorCode, e.JobId, e.PackageBytes, e.StartedAt, e.Deadline, e.FinishedAt,
            failed && e.FinishedAt is { } end ? end.AddDays(failedUploadRetentionDays) : null);
    }
}
