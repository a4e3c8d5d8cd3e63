using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

public sealed class ImportTests
{
    [Theory]
    [InlineData("scorm12_golf_runtime_basic_calls_single_sco.zip", "Golf Explained - Run-time Basic Calls", "SCORM12")]
    [InlineData("scorm12_golf_runtime_minimum_calls_multi_sco.zip", "Golf Explained - Minimum Run-time Calls", "SCORM12")]
    [InlineData("scorm2004_3rd_golf_runtime_basic_calls_single_sco.zip", "Golf Explained - Run-time Basic Calls", "SCORM20043RDEDITION")]
    [InlineData("scorm2004_3rd_golf_sequencing_simple_remediation.zip", "Golf Explained - Simple Remediation", "SCORM20043RDEDITION")]
    [InlineData("scorm2004_4th_golf_sequencing_posttest_rollup.zip", "Golf Explained - 4th Edition Features", "SCORM20044THEDITION")]
    [InlineData("synthetic_scorm12_minimal_autopass.zip", "Synthetic SCORM 1.2 Auto-Pass Course", "SCORM12")]
    [InlineData("synthetic_scorm2004_4th_minimal_autopass.zip", "Synthetic SCORM 2004 Auto-Pass Course", "SCORM20044THEDITION")]
    [InlineData("cmi5_catapult_multi_au_framed.zip", null, "CMI5")]
    [InlineData("xapi_tincan_golf_example.zip", null, "XAPI")]
    public async Task EveryRealPackageImportsWithItsTitleAndStandard(string package, string? title, string standard)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var job = await client.ImportAsync("course-1", package);

        Assert.Equal("COMPLETE", job.GetProperty("status").GetString());
        var course = job.GetProperty("importResult").GetProperty("course");
        Assert.Equal("course-1", course.GetProperty("id").GetString());
        if (title is not null) Assert.Equal(title, course.GetProperty("title").GetString());
        else Assert.False(string.IsNullOrEmpty(course.GetProperty("title").GetString()));
        Assert.Equal(standard, course.GetProperty("courseLearningStandard").GetString());
        Assert.Equal(0, course.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Array, job.GetProperty("importResult").GetProperty("parserWarnings").ValueKind);
        Assert.Equal(JsonValueKind.Array, job.GetProperty("importResult").GetProperty("courseLanguages").ValueKind);
        Assert.StartsWith(server.Origin.ToString().TrimEnd('/'), job.GetProperty("importResult").GetProperty("webPathToCourse").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moodle_complexscorm.zip", "SCORM12")]
    [InlineData("moodle_RuntimeMinimumCalls_SCORM12-mini.zip", "SCORM12")]
    [InlineData("edge_uppercase_manifest_name.zip", null)]
    [InlineData("edge_manifest_utf8_bom.zip", null)]
    [InlineData("edge_backslash_paths.zip", null)]
    [InlineData("edge_two_manifests.zip", null)]
    [InlineData("edge_xml_base.zip", null)]
    [InlineData("edge_no_default_org_two_orgs.zip", null)]
    [InlineData("edge_2004_no_schemaversion.zip", null)]
    [InlineData("moodle_singlescobasic_missingorg.zip", "SCORM12")]
    public async Task EdgeCasesThatAreValidPackagesImport(string package, string? standard)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var job = await client.ImportAsync("edge", package);

        Assert.True(job.GetProperty("status").GetString() == "COMPLETE", job.ToString());
        var course = job.GetProperty("importResult").GetProperty("course");
        if (standard is not null) Assert.Equal(standard, course.GetProperty("courseLearningStandard").GetString());
        Assert.StartsWith("SCORM", course.GetProperty("courseLearningStandard").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edge_not_a_zip.zip")]
    [InlineData("edge_empty.zip")]
    [InlineData("moodle_invalid.zip")]
    [InlineData("moodle_badscorm.zip")]
    [InlineData("moodle_validscorm.zip")]
    [InlineData("edge_malformed_manifest.zip")]
    [InlineData("edge_zip_slip.zip")]
    [InlineData("edge_large_file_64MiB.zip")]
    [InlineData("edge_missing_launch_file.zip")]
    [InlineData("moodle_validaicc.zip")]
    [InlineData("edge_nested_top_folder.zip")]
    public async Task BrokenOrUnsupportedPackagesEndInErrorWithTheInspectorsMessage(string package)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var job = await client.ImportAsync("broken", package);

        Assert.True(job.GetProperty("status").GetString() == "ERROR", job.ToString());
        await using var zip = File.OpenRead(RepoPaths.Package(package));
        var expected = Scorm.Packaging.PackageInspector.Inspect(zip).Error?.Message;
        Assert.False(string.IsNullOrWhiteSpace(expected));
        Assert.Equal(expected, job.GetProperty("message").GetString());
        Assert.False(job.TryGetProperty("importResult", out _));
        using var course = await client.GetAsync("courses/broken", Api.Ct);
        Assert.Equal(HttpStatusCode.NotFound, course.StatusCode);
    }

    [Fact]
    public async Task ZipSlipIsRejectedWithoutWritingOutsideTheContentFolder()
    {
        var data = Directory.CreateTempSubdirectory("emulator-test-").FullName;
        try
        {
            await using var server = await EmulatorServer.StartAsync(s => s["Emulator:DataPath"] = data);
            using var client = server.CreateClient();

            var job = await client.ImportAsync("slip", "edge_zip_slip.zip");

            Assert.Equal("ERROR", job.GetProperty("status").GetString());
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(data)!, "evil.txt", SearchOption.TopDirectoryOnly));
            Assert.Empty(Directory.GetFiles(data, "evil.txt", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ReuploadWithoutNewVersionIs409AndWithNewVersionMakesVersionOne()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("c", "synthetic_scorm12_minimal_autopass.zip");

        using var conflict = await client.UploadAsync("c", RepoPaths.Package("synthetic_scorm12_minimal_autopass.zip"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.StartsWith("Course [c] already exists", (await conflict.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);

        var second = await client.ImportAsync("c", "synthetic_scorm2004_4th_minimal_autopass.zip", mayCreateNewVersion: true);
        Assert.Equal(1, second.GetProperty("importResult").GetProperty("course").GetProperty("version").GetInt32());
        var course = await client.GetJsonAsync("courses/c");
        Assert.Equal(1, course.GetProperty("version").GetInt32());
        Assert.Equal("SCORM20044THEDITION", course.GetProperty("courseLearningStandard").GetString());
    }

    [Fact]
    public async Task MayCreateNewVersionOnANewCourseMakesVersionZero()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var job = await client.ImportAsync("fresh", "synthetic_scorm12_minimal_autopass.zip", mayCreateNewVersion: true);

        Assert.Equal(0, job.GetProperty("importResult").GetProperty("course").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task JobIsRunningForTheConfiguredDuration()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:ImportDuration"] = "00:00:01");
        using var client = server.CreateClient();
        using var upload = await client.UploadAsync("slow", RepoPaths.Package("synthetic_scorm12_minimal_autopass.zip"));
        var jobId = (await upload.JsonAsync()).GetProperty("result").GetString()!;

        var first = await client.GetJsonAsync($"courses/importJobs/{jobId}");
        Assert.Equal("RUNNING", first.GetProperty("status").GetString());
        Assert.Equal(jobId, first.GetProperty("jobId").GetString());
        using var notYet = await client.GetAsync("courses/slow", Api.Ct);
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);

        var done = await client.WaitForJobAsync(jobId);
        Assert.Equal("COMPLETE", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownJobIs404WithMessage()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var body = await client.GetJsonAsync("courses/importJobs/nope", HttpStatusCode.NotFound);

        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task UploadWithoutCourseIdOrFileIs400()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        using var noId = await client.PostAsync("courses/importJobs/upload", new MultipartFormDataContent(), Api.Ct);
        using var noFile = await client.PostAsync("courses/importJobs/upload?courseId=x", new MultipartFormDataContent { { new StringContent("{}"), "contentMetadata" } }, Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.True((await noFile.JsonAsync()).TryGetProperty("message", out _));
    }

    [Fact]
    public async Task FetchImportDownloadsFromALoopbackUrl()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await using var files = await PackageHost.StartAsync(RepoPaths.Package("synthetic_scorm2004_4th_minimal_autopass.zip"));

        using var response = await client.PostAsJsonAsync("courses/importJobs?courseId=fetched",
            new { url = files.Url.ToString(), contentType = "application/zip" }, Api.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await client.WaitForJobAsync((await response.JsonAsync()).GetProperty("result").GetString()!);

        Assert.Equal("COMPLETE", job.GetProperty("status").GetString());
        Assert.Equal("Synthetic SCORM 2004 Auto-Pass Course", job.GetProperty("importResult").GetProperty("course").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("http://example.org/package.zip")]
    [InlineData("ftp://127.0.0.1/package.zip")]
    [InlineData("http://127.0.0.1:1/nothing-listens-here.zip")]
    public async Task FetchImportOfANonLoopbackOrUnreachableUrlEndsInError(string url)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.PostAsJsonAsync("courses/importJobs?courseId=f", new { url }, Api.Ct);
        var job = await client.WaitForJobAsync((await response.JsonAsync()).GetProperty("result").GetString()!);

        Assert.Equal("ERROR", job.GetProperty("status").GetString());
        Assert.Contains("fetch", job.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FetchImportWithoutUrlIs400AndExistingCourseIs409()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("c", "synthetic_scorm12_minimal_autopass.zip");

        using var noUrl = await client.PostAsJsonAsync("courses/importJobs?courseId=x", new { contentType = "application/zip" }, Api.Ct);
        using var exists = await client.PostAsJsonAsync("courses/importJobs?courseId=c", new { url = "http://127.0.0.1/x.zip" }, Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);
    }

    [Fact]
    public async Task FinishedJobIsPostedToItsPostbackUrl()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await using var receiver = await PostbackReceiver.StartAsync();

        using var upload = await client.UploadAsync("pb", RepoPaths.Package("synthetic_scorm12_minimal_autopass.zip"), postbackUrl: receiver.Url.ToString());
        var jobId = (await upload.JsonAsync()).GetProperty("result").GetString()!;
        var posted = await receiver.NextAsync();

        Assert.StartsWith("application/json", posted.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(posted.Body).RootElement;
        Assert.Equal(jobId, body.GetProperty("jobId").GetString());
        Assert.Equal("COMPLETE", body.GetProperty("status").GetString());
        Assert.Equal("pb", body.GetProperty("importResult").GetProperty("course").GetProperty("id").GetString());
    }
}
