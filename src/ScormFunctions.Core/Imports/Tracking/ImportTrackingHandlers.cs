using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Imports.Tracking;

/// <summary>An import's status (admin), and SCORM Cloud's import job postback (anonymous, signed), which makes the tracker poll now.</summary>
public sealed class ImportTrackingHandlers(
    ImportRepository imports,
    ImportPostbackSigner postbacks,
    IOptions<ImportOptions> options,
    ILogger<ImportTrackingHandlers> logger)
{
    /// <summary>GET /api/courses/{courseId}/imports/{importId} — admin.</summary>
    public async Task<Results<JsonHttpResult<ImportResponse>, ProblemHttpResult>> GetAsync(string courseId, string importId, CancellationToken cancellationToken)
    {
        if (Problems.InvalidId(courseId, "courseId") is { } invalidCourse) return invalidCourse;
        if (Problems.InvalidId(importId, "importId") is { } invalidImport) return invalidImport;
        var import = await imports.GetAsync(courseId, importId, cancellationToken);
        return import is null
            ? Problems.NotFound($"Course '{courseId}' has no import '{importId}'.")
            : TypedResults.Json(ImportResponse.From(import, options.Value.FailedUploadRetentionDays), JsonBody.Options);
    }

    /// <summary>
    /// POST /api/postbacks/imports/{importId}?courseId=…&amp;sig=… — anonymous, HMAC-signed; SCORM Cloud's import job
    /// postback. The body is not trusted: a valid call only makes the tracker poll now.
    /// </summary>
    public async Task<Results<Ok<ImportPostbackResponse>, ProblemHttpResult>> ReceivePostbackAsync(HttpRequest request, string importId, IImportTracker tracker, CancellationToken cancellationToken)
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
        return TypedResults.Ok(new ImportPostbackResponse(importId, import.Status));
    }
}
