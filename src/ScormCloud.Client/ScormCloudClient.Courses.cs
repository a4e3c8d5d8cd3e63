using System.Net.Http.Headers;
using ScormCloud.Client.Http;
using ScormCloud.Client.Models;
using ScormCloud.Client.Wire;

namespace ScormCloud.Client;

public partial class ScormCloudClient
{
    /// <summary>Checks the credentials and that the service is up (<c>GET /ping</c>). Retried on transient failures.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The service's message and time.</returns>
    /// <exception cref="ScormCloudException">For example 401 for wrong credentials.</exception>
    public virtual async Task<PingResult> PingAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Get, "ping", ScormCloudRequestPolicy.Retry);
        return await SendForJsonAsync<PingResult>(request, cancellationToken);
    }

    /// <summary>
    /// Uploads a package and starts importing it (<c>POST /courses/importJobs/upload</c>, multipart part <c>file</c>).
    /// The package is streamed, never buffered, and never retried (the stream is consumed); the call uses
    /// <see cref="ScormCloudClientOptions.UploadTimeout"/>. The stream is not disposed.
    /// </summary>
    /// <param name="courseId">The course id to import into.</param>
    /// <param name="package">The zip package; read once from its current position.</param>
    /// <param name="options">New version, postback URL, file name and length.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The import job id; poll it with <see cref="GetImportJobStatusAsync"/>.</returns>
    /// <exception cref="ScormCloudException">409 (<see cref="ScormCloudException.IsAlreadyExists"/>) when the course exists and new versions are not allowed.</exception>
    public virtual async Task<string> CreateUploadImportJobAsync(
        string courseId, Stream package, UploadImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        ArgumentNullException.ThrowIfNull(package);
        if (!package.CanRead) throw new ArgumentException("The package stream must be readable.", nameof(package));
        options ??= new UploadImportOptions();
        if (options.ContentLength is < 0) throw new ArgumentOutOfRangeException(nameof(options), "ContentLength must not be negative.");

        var query = new QueryBuilder()
            .Add("courseId", courseId)
            .Add("mayCreateNewVersion", options.MayCreateNewVersion)
            .Add("postbackUrl", options.PostbackUrl);
        var file = new PackageContent(package, options.ContentLength);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        if (options.ContentLength is { } length) file.Headers.ContentLength = length;
        var form = new MultipartFormDataContent { { file, "file", options.FileName ?? courseId + ".zip" } };

        using var request = CreateRequest(HttpMethod.Post, "courses/importJobs/upload" + query, ScormCloudRequestPolicy.Upload, form);
        request.Headers.TryAddWithoutValidation("uploadedContentType", "application/zip");
        var result = await SendForJsonAsync<StringResult>(request, cancellationToken);
        return RequireResult(result, request);
    }

    /// <summary>
    /// Asks SCORM Cloud to download a package from <paramref name="packageUrl"/> and import it
    /// (<c>POST /courses/importJobs</c>, body <c>{url, contentType: "application/zip"}</c>).
    /// </summary>
    /// <remarks>
    /// Not retried: each POST starts a new import job, so repeating one whose response was lost could import twice
    /// (an extra course version with <see cref="FetchImportOptions.MayCreateNewVersion"/>, or a misleading 409 without it).
    /// Callers that need to retry should first check the course with <see cref="GetCourseAsync"/>.
    /// </remarks>
    /// <param name="courseId">The course id to import into.</param>
    /// <param name="packageUrl">An URL SCORM Cloud can download the zip from (for example a short-lived SAS URL).</param>
    /// <param name="options">New version and postback URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The import job id.</returns>
    /// <exception cref="ScormCloudException">400 or 409 from the service.</exception>
    public virtual async Task<string> CreateFetchImportJobAsync(
        string courseId, Uri packageUrl, FetchImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        ArgumentNullException.ThrowIfNull(packageUrl);
        if (!packageUrl.IsAbsoluteUri) throw new ArgumentException("The package URL must be absolute.", nameof(packageUrl));
        options ??= new FetchImportOptions();

        var query = new QueryBuilder()
            .Add("courseId", courseId)
            .Add("mayCreateNewVersion", options.MayCreateNewVersion)
            .Add("postbackUrl", options.PostbackUrl);
        using var request = CreateRequest(
            HttpMethod.Post, "courses/importJobs" + query, ScormCloudRequestPolicy.NoRetry,
            JsonBody(new ImportFetchRequest { Url = packageUrl.AbsoluteUri }));
        var result = await SendForJsonAsync<StringResult>(request, cancellationToken);
        return RequireResult(result, request);
    }

    /// <summary>Gets the state of an import job (<c>GET /courses/importJobs/{id}</c>). Retried on transient failures.</summary>
    /// <param name="importJobId">The job id from an import call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job state; the course once <see cref="ImportJobStatus.Complete"/>.</returns>
    /// <exception cref="ScormCloudException">404 for an unknown (or expired) job id.</exception>
    public virtual async Task<ImportJobResult> GetImportJobStatusAsync(string importJobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(importJobId);
        using var request = CreateRequest(HttpMethod.Get, "courses/importJobs/" + Segment(importJobId), ScormCloudRequestPolicy.Retry);
        return await SendForJsonAsync<ImportJobResult>(request, cancellationToken);
    }

    /// <summary>Gets a course with its registration count (<c>GET /courses/{id}</c>). Retried on transient failures.</summary>
    /// <param name="courseId">The course id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The course.</returns>
    /// <exception cref="ScormCloudException">404 (<see cref="ScormCloudException.IsNotFound"/>) when there is no such course.</exception>
    public virtual async Task<Course> GetCourseAsync(string courseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        var query = new QueryBuilder().Add("includeRegistrationCount", true);
        using var request = CreateRequest(HttpMethod.Get, "courses/" + Segment(courseId) + query, ScormCloudRequestPolicy.Retry);
        return await SendForJsonAsync<Course>(request, cancellationToken);
    }

    /// <summary>
    /// Deletes a course with all its versions and registrations (<c>DELETE /courses/{id}</c>).
    /// A missing course counts as deleted. Retried on transient failures.
    /// </summary>
    /// <param name="courseId">The course id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">Any failure except 404.</exception>
    public virtual async Task DeleteCourseAsync(string courseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        using var request = CreateRequest(HttpMethod.Delete, "courses/" + Segment(courseId), ScormCloudRequestPolicy.Retry);
        await SendAndEnsureSuccessAsync(request, notFoundIsSuccess: true, cancellationToken);
    }

    private static string RequireResult(StringResult result, HttpRequestMessage request) =>
        string.IsNullOrEmpty(result.Result)
            ? throw new ScormCloudException(200, null, $"{Describe(request)} returned no result.")
            : result.Result;
}
