using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ScormFunctions.LocalHost.FunctionalTests.Imports;

/// <summary>One host + emulator for the package matrix.</summary>
public sealed class ImportFixture : IAsyncLifetime
{
    public ImportHarness Harness { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Harness = await ImportHarness.StartAsync();

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}

/// <summary>
/// Every shared package, end to end through HTTP in both modes: request URL → PUT → start → poll. Good packages end
/// succeeded with the README's title and standard; bad ones are 422 at import start with the inspector's message.
/// </summary>
public sealed class PackageImportTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private ImportHarness H => fixture.Harness;

    public static TheoryData<string, string, string, string> GoodPackages()
    {
        var packages = new (string File, string Title, string Standard)[]
        {
            ("scorm12_golf_runtime_basic_calls_single_sco.zip", "Golf Explained - Run-time Basic Calls", "SCORM12"),
            ("scorm12_golf_runtime_minimum_calls_multi_sco.zip", "Golf Explained - Minimum Run-time Calls", "SCORM12"),
            ("scorm2004_3rd_golf_runtime_basic_calls_single_sco.zip", "Golf Explained - Run-time Basic Calls", "SCORM20043RDEDITION"),
            ("scorm2004_3rd_golf_sequencing_simple_remediation.zip", "Golf Explained - Simple Remediation", "SCORM20043RDEDITION"),
            ("scorm2004_4th_golf_sequencing_posttest_rollup.zip", "Golf Explained - 4th Edition Features", "SCORM20044THEDITION"),
            ("synthetic_scorm12_minimal_autopass.zip", "Synthetic SCORM 1.2 Auto-Pass Course", "SCORM12"),
            ("synthetic_scorm2004_4th_minimal_autopass.zip", "Synthetic SCORM 2004 Auto-Pass Course", "SCORM20044THEDITION"),
            ("cmi5_catapult_multi_au_framed.zip", "Introduction to Geology - Multi AU at Root", "CMI5"),
            ("xapi_tincan_golf_example.zip", "Tin Can Golf Example", "XAPI"),
            // Edge cases that are valid packages.
            ("moodle_complexscorm.zip", "The organization", "SCORM12"),
            ("moodle_RuntimeMinimumCalls_SCORM12-mini.zip", "Golf Explained - Minimum Run-time Calls", "SCORM12"),
            ("moodle_singlescobasic_missingorg.zip", "com.scorm.golfsamples.runtime.basicruntime.12", "SCORM12"),
            ("edge_uppercase_manifest_name.zip", "Golf Explained - Run-time Basic Calls", "SCORM12"),
            ("edge_manifest_utf8_bom.zip", "Golf Explained - Run-time Basic Calls", "SCORM12"),
            ("edge_backslash_paths.zip", "Golf Explained - Run-time Basic Calls", "SCORM12"),
            ("edge_no_default_org_two_orgs.zip", "Synthetic SCORM 1.2 Auto-Pass Course", "SCORM12"),
            ("edge_xml_base.zip", "Synthetic SCORM 1.2 Auto-Pass Course", "SCORM12"),
            ("edge_two_manifests.zip", "Synthetic SCORM 1.2 Auto-Pass Course", "SCORM12"),
            ("edge_2004_no_schemaversion.zip", "Synthetic SCORM 2004 Auto-Pass Course", "SCORM20043RDEDITION"),
        };
        var data = new TheoryData<string, string, string, string>();
        foreach (var mode in new[] { "fetch", "relay" })
        {
            foreach (var (file, title, standard) in packages) data.Add(file, mode, title, standard);
        }
        return data;
    }

    public static TheoryData<string, string, string, string> BadPackages()
    {
        var packages = new (string File, string Code, string MessagePart)[]
        {
            ("edge_not_a_zip.zip", "NotAZip", "zip"),
            ("edge_empty.zip", "Empty", ""),
            ("moodle_invalid.zip", "NoManifest", "imsmanifest.xml"),
            ("moodle_badscorm.zip", "ManifestNotAtRoot", "badscorm/"),
            ("edge_nested_top_folder.zip", "ManifestNotAtRoot", "contents, not the folder"),
            ("moodle_validscorm.zip", "MalformedManifest", "line 1"),
            ("edge_malformed_manifest.zip", "MalformedManifest", "imsmanifest.xml"),
            ("moodle_validaicc.zip", "UnsupportedStandard", "AICC packages are not supported"),
            ("edge_zip_slip.zip", "UnsafeEntryName", "../../evil.txt"),
            ("edge_large_file_64MiB.zip", "ZipBomb", "media/big.bin"),
            ("edge_missing_launch_file.zip", "MissingLaunchFile", "start/missing.html"),
        };
        var data = new TheoryData<string, string, string, string>();
        foreach (var mode in new[] { "fetch", "relay" })
        {
            foreach (var (file, code, part) in packages) data.Add(file, mode, code, part);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GoodPackages))]
    public async Task Good_package_ends_succeeded_with_its_title(string file, string mode, string title, string standard)
    {
        var courseId = ImportHarness.NewCourseId(Path.GetFileNameWithoutExtension(file));

        var (start, uploadId) = await H.UploadAndStartAsync(courseId, file, mode);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var accepted = await start.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);
        Assert.Equal(uploadId, accepted.GetProperty("importId").GetString());
        Assert.Equal("running", accepted.GetProperty("status").GetString());
        Assert.Equal(accepted.GetProperty("statusUrl").GetString(), start.Headers.Location?.OriginalString);

        var import = await H.WaitForImportAsync(courseId, uploadId);

        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        Assert.Equal(title, import.GetProperty("title").GetString());
        Assert.Equal(standard, import.GetProperty("learningStandard").GetString());
        Assert.Equal(mode, import.GetProperty("mode").GetString());
        Assert.Equal(0, import.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, import.GetProperty("error").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, import.GetProperty("finishedAt").ValueKind);
        var course = await H.GetCourseAsync(courseId);
        Assert.Equal("ready", course!.Value.GetProperty("status").GetString());
        Assert.Equal(title, course.Value.GetProperty("title").GetString());
        Assert.Equal(uploadId, course.Value.GetProperty("latestImportId").GetString());
    }

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task Bad_package_is_422_at_import_start_and_recorded_failed(string file, string mode, string code, string messagePart)
    {
        var courseId = ImportHarness.NewCourseId(Path.GetFileNameWithoutExtension(file));

        var (start, uploadId) = await H.UploadAndStartAsync(courseId, file, mode);
        var problem = await start.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
        Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(messagePart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var import = await H.GetImportAsync(courseId, uploadId);
        Assert.Equal("failed", import.GetProperty("status").GetString());
        Assert.Equal(code, import.GetProperty("errorCode").GetString());
        Assert.Equal(problem.GetProperty("detail").GetString(), import.GetProperty("error").GetString());
        Assert.NotEqual(JsonValueKind.Null, import.GetProperty("uploadRetainedUntil").ValueKind);
        var course = await H.GetCourseAsync(courseId);
        Assert.Equal("failed", course!.Value.GetProperty("status").GetString());
        Assert.DoesNotContain(H.Emulator.Services.GetRequiredService<ScormCloud.Emulator.Store.EmulatorStore>().ImportJobs.Values, j => j.CourseId == courseId);
    }
}
