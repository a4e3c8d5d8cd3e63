using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Imports.Uploads;

/// <summary>Signed upload URLs (Blob SAS) for one package each: the browser PUTs the package straight to Blob Storage.</summary>
public sealed class UploadHandler(
    CourseRepository courses,
    UploadBlobs blobs,
    IUploadUrlSigner signer,
    IOptions<ImportOptions> options,
    TimeProvider time,
    ILogger<UploadHandler> logger)
{
    /// <summary>POST /api/courses/{courseId}/uploads — admin; 201 with a SAS URL for one new blob. Creates the course record if new.</summary>
    public async Task<Results<JsonHttpResult<UploadResponse>, ProblemHttpResult>> CreateUploadAsync(string courseId, CancellationToken cancellationToken)
    {
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
        var blob = await blobs.GetAsync(UploadBlobs.Name(courseId, uploadId), cancellationToken);
        var expiresAt = time.GetUtcNow() + o.UploadUrlLifetime;
        var url = await signer.SignUploadAsync(blob, expiresAt, cancellationToken);
        logger.LogInformation("Upload {UploadId} for course {CourseId}: URL for {BlobUrl} until {ExpiresAt:u}",
            uploadId, courseId, UploadUrlSigners.WithoutQuery(url), expiresAt);
        var body = new UploadResponse(uploadId, url, "PUT",
            new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = "application/zip" },
            expiresAt, o.MaxUploadBytes, o.BlockSizeBytes, o.SinglePutMaxBytes, BlockUploadGuide.Default);
        return TypedResults.Json(body, JsonBody.Options, statusCode: StatusCodes.Status201Created);
    }
}
