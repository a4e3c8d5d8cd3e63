using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using ScormCloud.Emulator.Store;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Testing;

namespace ScormFunctions.LocalHost.FunctionalTests.Imports;

/// <summary>Upload protocol, idempotent starts, request errors, versions, blob retention and course delete.</summary>
public sealed class ImportFlowTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private const string Golf12 = "scorm12_golf_runtime_basic_calls_single_sco.zip";
    private ImportHarness H => fixture.Harness;

    private EmulatorStore Cloud => H.Emulator.Services.GetRequiredService<EmulatorStore>();

    [Fact]
    public async Task Upload_response_tells_the_spa_everything()
    {
        var upload = await H.RequestUploadAsync(ImportHarness.NewCourseId("shape"));

        var url = new Uri(upload.GetProperty("uploadUrl").GetString()!);
        Assert.Matches("^[0-9a-f]{32}$", upload.GetProperty("uploadId").GetString());
        Assert.Equal("PUT", upload.GetProperty("method").GetString());
        Assert.Equal("BlockBlob", upload.GetProperty("headers").GetProperty("x-ms-blob-type").GetString());
        Assert.Contains("sp=cw", url.Query, StringComparison.Ordinal);
        Assert.EndsWith($"/{upload.GetProperty("uploadId").GetString()}.zip", url.AbsolutePath, StringComparison.Ordinal);
        var expires = upload.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));
        Assert.Equal(4L * 1024 * 1024 * 1024, upload.GetProperty("maxBytes").GetInt64());
        Assert.Equal(8L * 1024 * 1024, upload.GetProperty("blockSizeBytes").GetInt64());
        Assert.Contains("comp=block", upload.GetProperty("blocks").GetProperty("putBlock").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_url_can_create_its_blob_but_not_read_it()
    {
        var upload = await H.RequestUploadAsync(ImportHarness.NewCourseId("sas"));
        await ImportHarness.PutAsync(upload, RepoPaths.Package(Golf12));

        using var http = new HttpClient();
        using var read = await http.GetAsync(upload.GetProperty("uploadUrl").GetString(), ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Theory]
    [InlineData("relay")]
    [InlineData("fetch")]
    public async Task Block_upload_imports(string mode)
    {
        var courseId = ImportHarness.NewCourseId("blocks");
        var upload = await H.RequestUploadAsync(courseId);
        var blocks = await ImportHarness.PutBlocksAsync(upload, RepoPaths.Package("cmi5_catapult_multi_au_framed.zip"), 1024 * 1024);
        var uploadId = upload.GetProperty("uploadId").GetString()!;

        var start = await H.StartImportAsync(courseId, uploadId, mode);
        var import = await H.WaitForImportAsync(courseId, uploadId);

        Assert.Equal(4, blocks);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        Assert.Equal("Introduction to Geology - Multi AU at Root", import.GetProperty("title").GetString());
        Assert.Equal(4_081_520, import.GetProperty("packageBytes").GetInt64());
    }

    [Fact]
    public async Task Duplicated_start_creates_one_import()
    {
        var courseId = ImportHarness.NewCourseId("dup");
        var upload = await H.RequestUploadAsync(courseId);
        await ImportHarness.PutAsync(upload, RepoPaths.Package(Golf12));
        var uploadId = upload.GetProperty("uploadId").GetString()!;

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => H.StartImportAsync(courseId, uploadId, "relay")));
        var first = await H.WaitForImportAsync(courseId, uploadId);
        var again = await H.StartImportAsync(courseId, uploadId, "relay");

        Assert.All(starts, s => Assert.Equal(HttpStatusCode.Accepted, s.StatusCode));
        foreach (var s in starts.Append(again))
        {
            var body = await s.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);
            Assert.Equal(uploadId, body.GetProperty("importId").GetString());
        }
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        Assert.Single(Cloud.ImportJobs.Values, j => j.CourseId == courseId);
        Assert.Single(Cloud.Courses[courseId].Versions);
    }

    [Fact]
    public async Task Missing_upload_is_422_and_a_start_after_the_put_imports()
    {
        var courseId = ImportHarness.NewCourseId("missing");
        var upload = await H.RequestUploadAsync(courseId);
        var uploadId = upload.GetProperty("uploadId").GetString()!;

        var early = await H.StartImportAsync(courseId, uploadId);
        var problem = await early.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);
        var recorded = await H.GetImportAsync(courseId, uploadId);
        await ImportHarness.PutAsync(upload, RepoPaths.Package(Golf12));
        var late = await H.StartImportAsync(courseId, uploadId);
        var import = await H.WaitForImportAsync(courseId, uploadId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal("UploadMissing", problem.GetProperty("code").GetString());
        Assert.Contains("PUT the package", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", recorded.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, import.GetProperty("errorCode").ValueKind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task Tiny_upload_is_422_not_a_zip_never_500(int bytes)
    {
        var courseId = ImportHarness.NewCourseId("tiny");
        var upload = await H.RequestUploadAsync(courseId);
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, new byte[bytes], ImportHarness.Ct);
        await ImportHarness.PutAsync(upload, path);
        File.Delete(path);

        var response = await H.StartImportAsync(courseId, upload.GetProperty("uploadId").GetString()!);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("NotAZip", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("head")]
    [InlineData("tail")]
    [InlineData("middle")]
    public async Task Damaged_zip_is_422_never_500(string part)
    {
        var courseId = ImportHarness.NewCourseId("damaged");
        var upload = await H.RequestUploadAsync(courseId);
        var bytes = await File.ReadAllBytesAsync(RepoPaths.Package(Golf12), ImportHarness.Ct);
        var damaged = part switch
        {
            "head" => bytes[..(bytes.Length * 7 / 10)],
            "tail" => bytes[^2000..],
            _ => [.. bytes[..1000], .. bytes[^5000..]],
        };
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, damaged, ImportHarness.Ct);
        await ImportHarness.PutAsync(upload, path);
        File.Delete(path);

        var response = await H.StartImportAsync(courseId, upload.GetProperty("uploadId").GetString()!);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"uploadId":"0123456789abcdef0123456789abcdef","mode":"carrier-pigeon"}""", "mode")]
    [InlineData("""{"uploadId":"0123456789abcdef0123456789abcdef","mode":"1"}""", "mode")]
    [InlineData("""{"uploadId":"../../x"}""", "uploadId")]
    [InlineData("""{"mode":"relay"}""", "uploadId")]
    [InlineData("""{"uploadId":""", "JSON")]
    public async Task Bad_start_request_is_400(string body, string mentions)
    {
        var courseId = ImportHarness.NewCourseId("bad");
        await H.RequestUploadAsync(courseId);

        var response = await H.Admin.PostAsync($"api/courses/{courseId}/imports",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ImportHarness.Ct);
        var text = await response.Content.ReadAsStringAsync(ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentions, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_for_a_course_without_an_upload_request_is_404()
    {
        var response = await H.StartImportAsync(ImportHarness.NewCourseId("nocourse"), "0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Learner_cannot_upload_import_or_delete()
    {
        using var learner = await H.Server.ClientForAsync("learner-1", "learner");
        var courseId = ImportHarness.NewCourseId("authz");

        var upload = await learner.PostAsync($"api/courses/{courseId}/uploads", null, ImportHarness.Ct);
        var start = await learner.PostAsJsonAsync($"api/courses/{courseId}/imports", new { uploadId = "0123456789abcdef0123456789abcdef" }, ImportHarness.Ct);
        var get = await learner.GetAsync($"api/courses/{courseId}/imports/0123456789abcdef0123456789abcdef", ImportHarness.Ct);
        var delete = await learner.DeleteAsync($"api/courses/{courseId}", ImportHarness.Ct);
        var anonymous = await H.Server.Client.PostAsync($"api/courses/{courseId}/uploads", null, ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Unknown_import_is_404()
    {
        var courseId = ImportHarness.NewCourseId("unknown");
        await H.RequestUploadAsync(courseId);

        var response = await H.Admin.GetAsync($"api/courses/{courseId}/imports/0123456789abcdef0123456789abcdef", ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("fetch")]
    [InlineData("relay")]
    public async Task Second_import_without_new_version_fails_with_scorm_clouds_error_and_with_new_version_succeeds(string mode)
    {
        var courseId = ImportHarness.NewCourseId("versions");
        var (_, firstId) = await H.UploadAndStartAsync(courseId, Golf12, mode);
        Assert.Equal("succeeded", (await H.WaitForImportAsync(courseId, firstId)).GetProperty("status").GetString());

        var (refusedStart, refusedId) = await H.UploadAndStartAsync(courseId, Golf12, mode);
        var refused = await H.WaitForImportAsync(courseId, refusedId);
        var afterRefusal = await H.GetCourseAsync(courseId);
        var (_, newVersionId) = await H.UploadAndStartAsync(courseId, "synthetic_scorm12_minimal_autopass.zip", mode, mayCreateNewVersion: true);
        var newVersion = await H.WaitForImportAsync(courseId, newVersionId);
        var course = await H.GetCourseAsync(courseId);

        Assert.Equal(HttpStatusCode.Accepted, refusedStart.StatusCode);
        Assert.Equal("failed", refused.GetProperty("status").GetString());
        Assert.Contains("already exists", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("ready", afterRefusal!.Value.GetProperty("status").GetString());
        Assert.Contains("already exists", afterRefusal.Value.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", newVersion.GetProperty("status").GetString());
        Assert.Equal(1, newVersion.GetProperty("version").GetInt32());
        Assert.Equal("Synthetic SCORM 1.2 Auto-Pass Course", course!.Value.GetProperty("title").GetString());
        Assert.Equal(1, course.Value.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, course.Value.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task Uploaded_blob_is_deleted_after_success_and_kept_after_failure()
    {
        var okCourse = ImportHarness.NewCourseId("blob-ok");
        var badCourse = ImportHarness.NewCourseId("blob-bad");
        var (_, okId) = await H.UploadAndStartAsync(okCourse, Golf12, "relay");
        await H.WaitForImportAsync(okCourse, okId);
        var (_, badId) = await H.UploadAndStartAsync(badCourse, "edge_zip_slip.zip", "relay");

        var container = new BlobServiceClient(Azurite.ConnectionString)
            .GetBlobContainerClient(H.Server.Services.GetRequiredService<IConfiguration>()["Storage:UploadsContainer"]);

        Assert.False(await container.GetBlobClient($"{okCourse}/{okId}.zip").ExistsAsync(ImportHarness.Ct));
        Assert.True(await container.GetBlobClient($"{badCourse}/{badId}.zip").ExistsAsync(ImportHarness.Ct));
    }

    [Fact]
    public async Task Delete_removes_the_course_in_scorm_cloud_and_marks_its_registrations_deleted()
    {
        var courseId = ImportHarness.NewCourseId("delete");
        var (_, importId) = await H.UploadAndStartAsync(courseId, Golf12, "relay");
        await H.WaitForImportAsync(courseId, importId);
        var registrations = H.Server.Services.GetRequiredService<RegistrationRepository>();
        var registrationId = "reg-" + courseId;
        await registrations.InsertAsync(new RegistrationEntity
        {
            PartitionKey = registrationId, CourseId = courseId, LearnerId = "learner-1", State = RegistrationState.Active,
        }, ImportHarness.Ct);

        var deleted = await H.Admin.DeleteAsync($"api/courses/{courseId}", ImportHarness.Ct);
        var again = await H.Admin.DeleteAsync($"api/courses/{courseId}", ImportHarness.Ct);
        var registration = await registrations.GetAsync(registrationId, ImportHarness.Ct);
        var list = await H.Admin.GetFromJsonAsync<JsonElement>("api/courses?pageSize=200", ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Null(await H.GetCourseAsync(courseId));
        Assert.False(Cloud.Courses.ContainsKey(courseId));
        Assert.Equal(RegistrationState.Deleted, registration!.State);
        Assert.NotNull(registration.DeletedAt);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("courseId").GetString() == courseId);
    }

    [Fact]
    public async Task Delete_of_a_course_scorm_cloud_never_had_is_fine_and_unknown_is_404()
    {
        var courseId = ImportHarness.NewCourseId("delete-new");
        await H.RequestUploadAsync(courseId);

        var deleted = await H.Admin.DeleteAsync($"api/courses/{courseId}", ImportHarness.Ct);
        var unknown = await H.Admin.DeleteAsync($"api/courses/{ImportHarness.NewCourseId("never")}", ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Postback_with_a_bad_signature_is_401()
    {
        var response = await H.Server.Client.PostAsync(
            "api/postbacks/imports/0123456789abcdef0123456789abcdef?courseId=x&sig=AAAA", new StringContent("{}"), ImportHarness.Ct);
        var unsigned = await H.Server.Client.PostAsync(
            "api/postbacks/imports/0123456789abcdef0123456789abcdef?courseId=x", new StringContent("{}"), ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }
}
