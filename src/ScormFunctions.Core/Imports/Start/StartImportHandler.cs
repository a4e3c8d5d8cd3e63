using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Registrations.Retakes;
using ScormFunctions.Core.Storage;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Imports.Start;

/// <summary>
/// Starting an import: the uploaded package is checked (<see cref="PackageCheck"/>), recorded, and handed to the host's
/// <see cref="IImportTracker"/>, which runs the import orchestration to the end.
/// </summary>
public sealed class StartImportHandler(
    CourseRepository courses,
    ImportRepository imports,
    PackageCheck packages,
    IOptions<ImportOptions> options,
    TimeProvider time,
    ILogger<StartImportHandler> logger)
{
    /// <summary>
    /// POST /api/courses/{courseId}/imports — admin; inspects the uploaded blob (range reads of the central directory
    /// and manifest only), then 202 and tracking to the end. Bad packages, a missing upload and an oversized upload are
    /// 422 with the author-facing message, recorded as a failed import. Repeating the call for the same upload returns
    /// the same import (one import per upload); only an import rejected at start is re-inspected.
    /// </summary>
    public async Task<Results<Accepted<ImportAccepted>, ProblemHttpResult>> StartAsync(HttpRequest request, string courseId, IImportTracker tracker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        using var span = ScormTelemetry.Source.StartActivity("import.start");
        span?.SetTag(ScormTags.CourseId, courseId);
        using var scope = logger.BeginScope(LogScopes.Course(courseId));
        var result = await StartCoreAsync(request, courseId, tracker, span, cancellationToken);
        return result;
    }

    private async Task<Results<Accepted<ImportAccepted>, ProblemHttpResult>> StartCoreAsync(HttpRequest request, string courseId, IImportTracker tracker, System.Diagnostics.Activity? span, CancellationToken cancellationToken)
    {
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        var (body, problem) = await JsonBody.ReadAsync<StartImportRequest>(request, cancellationToken);
        if (problem is not null) return problem;
        var uploadId = body!.UploadId;
        if (string.IsNullOrEmpty(uploadId) || uploadId.Length != 32 || !uploadId.All(char.IsAsciiHexDigitLower))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["uploadId"] = [$"uploadId is required: the id returned by POST /{ApiRoutes.Prefix}/{ApiRoutes.CourseUploads}."],
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
            return Problems.NotFound($"Course '{courseId}' does not exist: request an upload URL first (POST {ApiRoutes.Path(ApiRoutes.CourseUploads, courseId)}).");
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
            BlobName = UploadBlobs.Name(courseId, uploadId),
            StartedAt = now,
            Deadline = now + options.Value.Deadline,
            ETag = existing?.ETag ?? default,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
        };

        var rejection = await packages.CheckAsync(import, cancellationToken);
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
            return TypedResults.Problem(
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

    private static Results<Accepted<ImportAccepted>, ProblemHttpResult> Accepted(ImportEntity import)
    {
        var statusUrl = ApiRoutes.Path(ApiRoutes.CourseImport, import.PartitionKey, import.RowKey);
        if (import.RejectedAtStart)
        {
            return TypedResults.Problem(detail: import.Error, title: "The package cannot be imported.", statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["importId"] = import.RowKey, ["courseId"] = import.PartitionKey, ["code"] = import.ErrorCode });
        }
        return TypedResults.Accepted(statusUrl, new ImportAccepted(import.RowKey, import.Status, statusUrl));
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
}
