using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scorm.Packaging;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations.Retakes;
using ScormFunctions.Core.Storage;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// Upload URL, import start and import status (admin), and the import job postback (anonymous + signature).
/// Host-neutral: both hosts call these with the raw request and their <see cref="IImportTracker"/>.
/// </summary>
public sealed class ImportHandlers(
    AccessControl access,
    CourseRepository courses,
    ImportRepository imports,
    BlobContainerProvider containers,
    IUploadUrlSigner signer,
    ImportPostbackSigner postbacks,
    IOptions<ImportOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<ImportHandlers> logger)
{
    /// <summary>Only the central directory and the manifest are read, so a small read buffer keeps range reads cheap.</summary>
    private const int InspectionBufferBytes = 256 * 1024;

    /// <summary>The smallest zip: an empty archive's end-of-central-directory record.</summary>
    private const int MinZipBytes = 22;

    /// <summary>POST /api/courses/{courseId}/uploads — admin; 201 with a SAS URL for one new blob. Creates the course record if new.</summary>
    public async Task<IResult> CreateUploadAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;

        await courses.GetOrCreateAsync(courseId, cancellationToken);
        await courses.UpdateWithRetryAsync(courseId, c =>
        {
            if (c.Status != CourseStatus.Deleted) return false;
            c.Status = CourseStatus.New; // a deleted course id is being reused
            c.DeletedAt = null;
            c.Version = null;
            c.LatestImportId = null;
            return true;
        }, cancellationToken);

        var o = options.Value;
        var uploadId = Guid.NewGuid().ToString("N");
        var blob = await BlobAsync(BlobName(courseId, uploadId), cancellationToken);
        var expiresAt = time.GetUtcNow() + o.UploadUrlLifetime;
        var url = await signer.SignUploadAsync(blob, expiresAt, cancellationToken);
        logger.LogInformation("Upload {UploadId} for course {CourseId}: URL for {BlobUrl} until {ExpiresAt:u}",
            uploadId, courseId, UploadUrlSigners.WithoutQuery(url), expiresAt);
        var body = new UploadResponse(uploadId, url, "PUT",
            new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = "application/zip" },
            expiresAt, o.MaxUploadBytes, o.BlockSizeBytes, o.SinglePutMaxBytes, BlockUploadGuide.Default);
        return Results.Json(body, JsonBody.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// POST /api/courses/{courseId}/imports — admin; inspects the uploaded blob (range reads of the central directory
    /// and manifest only), then 202 and tracking to the end. Bad packages, a missing upload and an oversized upload are
    /// 422 with the author-facing message, recorded as a failed import. Repeating the call for the same upload returns
    /// the same import (one import per upload); only an import rejected at start is re-inspected.
    /// </summary>
    public async Task<IResult> StartAsync(HttpRequest request, string courseId, IImportTracker tracker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        using var span = ScormTelemetry.Source.StartActivity("import.start");
        span?.SetTag(ScormTags.CourseId, courseId);
        using var scope = logger.BeginScope(LogScopes.Course(courseId));
        var result = await StartCoreAsync(request, courseId, tracker, span, cancellationToken);
        return result;
    }

    private async Task<IResult> StartCoreAsync(HttpRequest request, string courseId, IImportTracker tracker, System.Diagnostics.Activity? span, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        var (body, problem) = await JsonBody.ReadAsync<StartImportRequest>(request, cancellationToken);
        if (problem is not null) return problem;
        var uploadId = body!.UploadId;
        if (string.IsNullOrEmpty(uploadId) || uploadId.Length != 32 || !uploadId.All(char.IsAsciiHexDigitLower))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["uploadId"] = ["uploadId is required: the id returned by POST /api/courses/{courseId}/uploads."],
            });
        }
        ImportMode mode;
        if (body.Mode is null) mode = options.Value.DefaultMode;
        else if (!Enum.TryParse(body.Mode, ignoreCase: true, out mode) || !Enum.IsDefined(mode) || body.Mode.Any(char.IsDigit))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["mode"] = [$"Unknown mode '{body.Mode}': use fetch or relay (or leave it out for the default, {ImportEntity.Key(options.Value.DefaultMode)})."],
            });
        }

        var restart = body.WhenToRestartRegistration is { } asked ? CourseRestartSetting.Normalize(asked) : null;
        if (body.WhenToRestartRegistration is not null && restart is null)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["whenToRestartRegistration"] = [CourseRestartSetting.ValidationMessage(body.WhenToRestartRegistration)],
            });
        }

        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Status == CourseStatus.Deleted)
        {
            return Problems.NotFound($"Course '{courseId}' does not exist: request an upload URL first (POST /api/courses/{{courseId}}/uploads).");
        }

        span?.SetTag(ScormTags.ImportId, uploadId);
        var existing = await imports.GetAsync(courseId, uploadId, cancellationToken);
        if (existing is not null && !existing.RejectedAtStart)
        {
            if (existing.Status == ImportStatus.Running)
            {
                // A repeated start (or a start whose tracker call failed) makes sure tracking runs; the tracker dedupes.
                await tracker.StartAsync(new ImportTrackingRequest(courseId, uploadId, existing.Deadline, existing.TraceParent), cancellationToken);
            }
            logger.LogInformation("Import {ImportId} of course {CourseId} already exists ({Status}); returning it", uploadId, courseId, existing.Status);
            return Accepted(existing);
        }

        var now = time.GetUtcNow();
        var import = new ImportEntity
        {
            PartitionKey = courseId,
            RowKey = uploadId,
            Mode = ImportEntity.Key(mode),
            MayCreateNewVersion = body.MayCreateNewVersion ?? false,
            WhenToRestartRegistration = restart,
            BlobName = BlobName(courseId, uploadId),
            StartedAt = now,
            Deadline = now + options.Value.Deadline,
            ETag = existing?.ETag ?? default,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
        };

        var rejection = await InspectAsync(import, cancellationToken);
        if (rejection is not null)
        {
            import.Status = ImportStatus.Failed;
            import.RejectedAtStart = true;
            import.ErrorCode = rejection.Value.Code;
            import.Error = rejection.Value.Message;
            import.FinishedAt = now;
            if (await SaveAsync(import, existing, cancellationToken) is { } raced) return Accepted(raced);
            await courses.UpdateWithRetryAsync(courseId, c =>
            {
                c.LatestImportId = uploadId;
                c.LastError = import.Error;
                if (c.Version is null) c.Status = CourseStatus.Failed;
                return true;
            }, cancellationToken);
            logger.LogWarning("Import {ImportId} of course {CourseId} rejected at start ({ErrorCode}): {Error}",
                uploadId, courseId, import.ErrorCode, import.Error);
            span.Fail(import.ErrorCode);
            ScormTelemetry.ImportsFinished.Add(1, new KeyValuePair<string, object?>(ScormTags.Status, "rejected"));
            return Results.Problem(
                detail: import.Error,
                title: "The package cannot be imported.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["importId"] = uploadId, ["courseId"] = courseId, ["code"] = import.ErrorCode });
        }

        if (await SaveAsync(import, existing, cancellationToken) is { } concurrent) return Accepted(concurrent);
        await courses.UpdateWithRetryAsync(courseId, c =>
        {
            c.LatestImportId = uploadId;
            if (c.Status != CourseStatus.Ready) c.Status = CourseStatus.Importing;
            return true;
        }, cancellationToken);
        await tracker.StartAsync(new ImportTrackingRequest(courseId, uploadId, import.Deadline, import.TraceParent), cancellationToken);
        ScormTelemetry.ImportsRunning.Add(1);
        logger.LogInformation("Import {ImportId} of course {CourseId} started ({Mode}, {Bytes} bytes, '{Title}' {LearningStandard}); deadline {Deadline:u}",
            uploadId, courseId, import.Mode, import.PackageBytes, import.Title, import.LearningStandard, import.Deadline);
        return Accepted(import);
    }

    /// <summary>GET /api/courses/{courseId}/imports/{importId} — admin.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string courseId, string importId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalidCourse) return invalidCourse;
        if (Problems.InvalidId(importId, "importId") is { } invalidImport) return invalidImport;
        var import = await imports.GetAsync(courseId, importId, cancellationToken);
        return import is null
            ? Problems.NotFound($"Course '{courseId}' has no import '{importId}'.")
            : Results.Json(ImportResponse.From(import, options.Value.FailedUploadRetentionDays), JsonBody.Options);
    }

    /// <summary>
    /// POST /api/postbacks/imports/{importId}?courseId=…&amp;sig=… — anonymous, HMAC-signed; SCORM Cloud's import job
    /// postback. The body is not trusted: a valid call only makes the tracker poll now.
    /// </summary>
    public async Task<IResult> ReceivePostbackAsync(HttpRequest request, string importId, IImportTracker tracker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tracker);
        var courseId = request.Query["courseId"].ToString();
        if (!ResourceId.IsValid(courseId) || !ResourceId.IsValid(importId))
        {
            // Anonymous input: never logged as given (CR/LF would forge log lines); only its length.
            logger.LogWarning("Import postback rejected: invalid course or import id ({Length} characters)", (importId?.Length ?? 0) + courseId.Length);
            return Problems.Unauthorized("The postback signature is missing or invalid.");
        }
        if (!postbacks.Verify(courseId, importId, request.Query["sig"].ToString()))
        {
            logger.LogWarning("Import postback for {ImportId} rejected: bad or missing signature", importId);
            return Problems.Unauthorized("The postback signature is missing or invalid.");
        }
        var import = await imports.GetAsync(courseId, importId, cancellationToken);
        if (import is null) return Problems.NotFound($"Course '{courseId}' has no import '{importId}'.");
        if (import.Status == ImportStatus.Running)
        {
            await tracker.SignalAsync(courseId, importId, cancellationToken);
            logger.LogInformation("Import postback for {ImportId} of course {CourseId}: polling now", importId, courseId);
        }
        return Results.Ok(new { importId, status = import.Status });
    }

    public static string BlobName(string courseId, string uploadId) => $"{courseId}/{uploadId}.zip";

    private IResult Accepted(ImportEntity import)
    {
        var statusUrl = $"/api/courses/{Uri.EscapeDataString(import.PartitionKey)}/imports/{import.RowKey}";
        if (import.RejectedAtStart)
        {
            return Results.Problem(detail: import.Error, title: "The package cannot be imported.", statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["importId"] = import.RowKey, ["courseId"] = import.PartitionKey, ["code"] = import.ErrorCode });
        }
        return Results.Accepted(statusUrl, new ImportAccepted(import.RowKey, import.Status, statusUrl));
    }

    /// <summary>Inserts the record, or replaces the earlier rejected-at-start one; returns the winner if another start raced us.</summary>
    private async Task<ImportEntity?> SaveAsync(ImportEntity import, ImportEntity? existing, CancellationToken cancellationToken)
    {
        try
        {
            if (existing is null) await imports.InsertAsync(import, cancellationToken);
            else await imports.ReplaceAsync(import, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is RecordAlreadyExistsException or ConcurrencyConflictException)
        {
            logger.LogInformation("Import {ImportId} of course {CourseId} was started concurrently; returning the other start's record", import.RowKey, import.PartitionKey);
            return await imports.GetAsync(import.PartitionKey, import.RowKey, cancellationToken)
                ?? throw new InvalidOperationException($"Import {import.RowKey} vanished while being started.", ex);
        }
    }

    /// <summary>Size check and package inspection on a seekable blob stream (range reads; never the whole blob).</summary>
    private async Task<(string Code, string Message)?> InspectAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(import.BlobName, cancellationToken);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return ("UploadMissing", $"Nothing was uploaded for upload {import.RowKey}: PUT the package to the uploadUrl (before it expires), then start the import again.");
        }
        import.PackageBytes = properties.ContentLength;
        import.PackageETag = properties.ETag.ToString();
        var max = options.Value.MaxUploadBytes;
        if (properties.ContentLength > max)
        {
            return ("TooLarge", $"The package is {properties.ContentLength:N0} bytes; the largest package accepted is {max:N0} bytes.");
        }
        if (properties.ContentLength < MinZipBytes)
        {
            // Not even an end-of-central-directory record; range reads of such a blob fail before the inspector could say so.
            return ("NotAZip", $"The file is not a zip archive: it is only {properties.ContentLength} bytes long.");
        }
        PackageInspection inspection;
        try
        {
            // Read under the ETag whose size was checked: what is inspected is what PackageETag names.
            await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
            {
                BufferSize = InspectionBufferBytes,
                Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
            }, cancellationToken);
            inspection = await PackageInspector.InspectAsync(stream, PackageLimits.Default, cancellationToken);
        }
        catch (Exception ex) when (ex is EndOfStreamException || (ex is RequestFailedException { Status: 416 }))
        {
            // A zip whose directory points outside the file: reads beyond its end fail before the inspector decides.
            return ("NotAZip", "The file is not a valid zip archive: its central directory points outside the file.");
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // The blob was overwritten while we read it (the upload URL still allows writes): never a 500.
            return ("UploadChanged", "The package changed while it was being checked. Wait until the upload has finished, then start the import again.");
        }
        if (inspection.Error is { } error) return (error.Code.ToString(), error.Message);
        import.Title = inspection.Manifest!.Title;
        import.LearningStandard = inspection.Manifest.Standard.ToScormCloudName();
        import.ParserWarnings = inspection.Warnings.Count == 0 ? null : JsonSerializer.Serialize(inspection.Warnings);
        return null;
    }

    private async Task<BlobClient> BlobAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await containers.GetContainerAsync(storage.Value.UploadsContainer, cancellationToken);
        return container.GetBlobClient(blobName);
    }
}
