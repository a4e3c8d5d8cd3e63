using System.Net;
using System.Text;
using System.Text.Json;
using ScormCloud.Client.Models;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

public sealed class CourseOperationTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task PingSendsGetWithBasicAuthAndParsesResult()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"apiMessage":"API is up","currentTime":"2026-11-23T07:00:00.000Z"}""");

        var result = await _harness.Client.PingAsync(Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(ClientHarness.BaseUrl + "ping", request.Uri.AbsoluteUri);
        Assert.Equal("Basic", request.Headers.Authorization?.Scheme);
        Assert.Equal(
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientHarness.AppId}:{ClientHarness.SecretKey}")),
            request.Headers.Authorization?.Parameter);
        Assert.Equal("API is up", result.ApiMessage);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), result.CurrentTime);
    }

    [Fact]
    public async Task UploadImportSendsMultipartFilePartAndReturnsJobId()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"result":"job-1"}""");
        var bytes = Encoding.ASCII.GetBytes("PK fake zip bytes");
        using var package = new MemoryStream(bytes);

        var jobId = await _harness.Client.CreateUploadImportJobAsync(
            "course 1", package,
            new UploadImportOptions
            {
                MayCreateNewVersion = true,
                PostbackUrl = new Uri("https://hooks.example.test/import?x=1"),
                FileName = "golf.zip",
                ContentLength = bytes.Length,
            },
            Ct);

        Assert.Equal("job-1", jobId);
        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(
            "/api/v2/courses/importJobs/upload?courseId=course%201&mayCreateNewVersion=true&postbackUrl=https%3A%2F%2Fhooks.example.test%2Fimport%3Fx%3D1",
            request.PathAndQuery);
        Assert.Equal("multipart/form-data", request.ContentHeaders?.ContentType?.MediaType);
        var boundary = request.ContentHeaders!.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var body = request.BodyText;
        Assert.Contains($"--{boundary}\r\n", body, StringComparison.Ordinal);
        Assert.Contains("Content-Disposition: form-data; name=file; filename=golf.zip", body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/zip", body, StringComparison.Ordinal);
        Assert.Contains($"Content-Length: {bytes.Length}", body, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nPK fake zip bytes\r\n--" + boundary + "--", body, StringComparison.Ordinal);
        Assert.True(package.CanRead, "the caller's stream must not be disposed");
    }

    [Fact]
    public async Task UploadImportDefaultsFileNameAndNewVersionFlag()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"result":"job-2"}""");
        using var package = new MemoryStream([1, 2, 3]);

        await _harness.Client.CreateUploadImportJobAsync("c2", package, cancellationToken: Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal("/api/v2/courses/importJobs/upload?courseId=c2&mayCreateNewVersion=false", request.PathAndQuery);
        Assert.Contains("name=file; filename=c2.zip", request.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchImportPostsUrlAndZipContentType()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"result":"job-3"}""");

        var jobId = await _harness.Client.CreateFetchImportJobAsync(
            "c3", new Uri("https://storage.example.test/pkgs/c3.zip?sig=abc%2F"),
            new FetchImportOptions { MayCreateNewVersion = true, PostbackUrl = new Uri("https://hooks.example.test/i") }, Ct);

        Assert.Equal("job-3", jobId);
        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(
            "/api/v2/courses/importJobs?courseId=c3&mayCreateNewVersion=true&postbackUrl=https%3A%2F%2Fhooks.example.test%2Fi",
            request.PathAndQuery);
        Assert.Equal("application/json", request.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal("""{"url":"https://storage.example.test/pkgs/c3.zip?sig=abc%2F","contentType":"application/zip"}""", request.BodyText);
    }

    [Fact]
    public async Task GetImportJobStatusParsesCompleteJob()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """
            {"jobId":"job-1","status":"COMPLETE","message":"done",
             "importResult":{"webPathToCourse":"/content/c1/0/","parserWarnings":["w1"],"courseLanguages":["en"],
               "course":{"id":"c1","title":"Golf","version":2,"registrationCount":5,"created":"2026-01-02T03:04:05.000Z",
                         "courseLearningStandard":"SCORM20043RDEDITION","tags":["a"],"dispatched":false}}}
            """);

        var job = await _harness.Client.GetImportJobStatusAsync("job/1", Ct);

        Assert.Equal("/api/v2/courses/importJobs/job%2F1", Assert.Single(_harness.Handler.Requests).PathAndQuery);
        Assert.Equal(ImportJobStatus.Complete, job.Status);
        Assert.Equal("done", job.Message);
        Assert.Equal(["w1"], job.ImportResult!.ParserWarnings);
        Assert.Equal(["en"], job.ImportResult.CourseLanguages);
        Assert.Equal("/content/c1/0/", job.ImportResult.WebPathToCourse);
        var course = job.ImportResult.Course!;
        Assert.Equal(("c1", "Golf", 2, 5), (course.Id, course.Title, course.Version, course.RegistrationCount));
        Assert.Equal(LearningStandard.Scorm2004ThirdEdition, course.CourseLearningStandard);
    }

    [Theory]
    [InlineData("RUNNING", ImportJobStatus.Running)]
    [InlineData("ERROR", ImportJobStatus.Error)]
    [InlineData("QUEUED_SOMEDAY", ImportJobStatus.Unknown)]
    public async Task GetImportJobStatusMapsStatuses(string wire, ImportJobStatus expected)
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, $$"""{"jobId":"j","status":"{{wire}}"}""");

        var job = await _harness.Client.GetImportJobStatusAsync("j", Ct);

        Assert.Equal(expected, job.Status);
    }

    [Fact]
    public async Task GetCourseAsksForRegistrationCount()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"id":"c1","title":"T","version":0,"courseLearningStandard":"CMI5"}""");

        var course = await _harness.Client.GetCourseAsync("c1", Ct);

        Assert.Equal("/api/v2/courses/c1?includeRegistrationCount=true", Assert.Single(_harness.Handler.Requests).PathAndQuery);
        Assert.Equal(LearningStandard.Cmi5, course.CourseLearningStandard);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task DeleteCourseTreatsMissingAsDeleted(HttpStatusCode status)
    {
        _harness.Handler.Enqueue(status, status == HttpStatusCode.NotFound ? """{"message":"Could not find course c1"}""" : null);

        await _harness.Client.DeleteCourseAsync("c1", Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("/api/v2/courses/c1", request.PathAndQuery);
    }

    [Fact]
    public async Task UploadConflictIsAlreadyExists()
    {
        _harness.Handler.Enqueue(HttpStatusCode.Conflict, """{"message":"Course [c1] already exists and mayCreateNewVersion is false"}""");
        using var package = new MemoryStream([1]);

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateUploadImportJobAsync("c1", package, cancellationToken: Ct));

        Assert.Equal(409, error.Status);
        Assert.True(error.IsAlreadyExists);
        Assert.False(error.IsNotFound);
        Assert.StartsWith("Course [c1] already exists", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingResultIsAnError()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, "{}");

        var error = await Assert.ThrowsAsync<ScormCloudException>(
            () => _harness.Client.CreateFetchImportJobAsync("c", new Uri("https://x.example.test/p.zip"), cancellationToken: Ct));

        Assert.Equal(200, error.Status);
    }

    [Fact]
    public async Task ArgumentsAreValidatedBeforeAnyRequest()
    {
        using var package = new MemoryStream();
        await Assert.ThrowsAsync<ArgumentException>(() => _harness.Client.GetCourseAsync(" ", Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _harness.Client.CreateUploadImportJobAsync("c", null!, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(
            () => _harness.Client.CreateFetchImportJobAsync("c", new Uri("relative.zip", UriKind.Relative), cancellationToken: Ct));
        Assert.Empty(_harness.Handler.Requests);
    }

    [Fact]
    public void CreateRegistrationBodyUsesV2NamesAndOmitsNulls()
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(
            new CreateRegistrationRequest("c", "r", new Learner("l")), ScormCloudJson.Options));
        Assert.Equal(["courseId", "registrationId", "learner"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
