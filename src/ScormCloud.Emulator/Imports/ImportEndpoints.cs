using Microsoft.Extensions.Options;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Imports;

/// <summary>Upload and fetch import jobs, and their status.</summary>
public static class ImportEndpoints
{
    public sealed record FetchRequest(string? Url, string? ContentType);

    public static void MapImportEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/courses/importJobs/upload", async (HttpRequest request, string? courseId, string? mayCreateNewVersion,
            string? postbackUrl, ImportJobFactory jobs, DataDirectory data, ImportProcessor processor, CancellationToken ct) =>
        {
            if (jobs.Validate(courseId, mayCreateNewVersion) is { } invalid) return invalid;
            var path = data.NewUploadPath();
            try
            {
                if (!await MultipartUpload.SaveFirstFileAsync(request, path, ct))
                {
                    return ApiResults.BadRequest("The request must be multipart/form-data with a file part named 'file'.");
                }
            }
            catch
            {
                File.Delete(path);
                throw;
            }
            var job = jobs.Create(request, courseId!, Query.Flag(mayCreateNewVersion), postbackUrl);
            processor.Start(job, _ => Task.FromResult(path));
            return ApiResults.Json(new { result = job.Id });
        });

        api.MapPost("/courses/importJobs", (HttpRequest request, FetchRequest? body, string? courseId, string? mayCreateNewVersion,
            string? postbackUrl, ImportJobFactory jobs, DataDirectory data, ImportProcessor processor, PackageFetcher fetcher) =>
        {
            if (jobs.Validate(courseId, mayCreateNewVersion) is { } invalid) return invalid;
            if (string.IsNullOrWhiteSpace(body?.Url)) return ApiResults.BadRequest("Required property 'url' is missing.");
            var job = jobs.Create(request, courseId!, Query.Flag(mayCreateNewVersion), postbackUrl);
            processor.Start(job, async ct =>
            {
                var path = data.NewUploadPath();
                try
                {
                    await fetcher.FetchAsync(body.Url, path, ct);
                }
                catch
                {
                    File.Delete(path); // a partial download
                    throw;
                }
                return path;
            });
            return ApiResults.Json(new { result = job.Id });
        });

        api.MapGet("/courses/importJobs/{importJobId}", (string importJobId, EmulatorStore store, TimeProvider time) =>
            store.ImportJobs.TryGetValue(importJobId, out var job)
                ? ApiResults.Json(ImportJson.Result(job, store, time.GetUtcNow()))
                : ApiResults.NotFound($"Could not find import job [{importJobId}]"));
    }
}

/// <summary>Checks the query of an import call and registers new jobs.</summary>
public sealed class ImportJobFactory(EmulatorStore store, TimeProvider time, IOptions<EmulatorOptions> options, ILogger<ImportJobFactory> logger)
{
    public IResult? Validate(string? courseId, string? mayCreateNewVersion)
    {
        if (string.IsNullOrWhiteSpace(courseId)) return ApiResults.BadRequest("Required parameter 'courseId' is missing.");
        if (courseId.Length > 255) return ApiResults.BadRequest("courseId must be 255 characters or fewer.");
        if (store.Courses.ContainsKey(courseId) && !Query.Flag(mayCreateNewVersion))
        {
            return ApiResults.Message(StatusCodes.Status409Conflict, ImportProcessor.AlreadyExists(courseId));
        }
        return null;
    }

    public ImportJob Create(HttpRequest request, string courseId, bool mayCreateNewVersion, string? postbackUrl)
    {
        var origin = $"{request.Scheme}://{request.Host}";
        var job = new ImportJob(Guid.NewGuid().ToString(), courseId, mayCreateNewVersion,
            string.IsNullOrWhiteSpace(postbackUrl) ? null : postbackUrl, origin, time.GetUtcNow() + options.Value.ImportDuration);
        store.ImportJobs[job.Id] = job;
        logger.LogInformation("Import job {JobId} created for course {CourseId} (new version allowed: {MayCreateNewVersion})",
            job.Id, courseId, mayCreateNewVersion);
        return job;
    }
}
