using ScormFunctions.Testing;

namespace Scorm.Packaging.Tests;

/// <summary>Every shared package (README tables) through the inspector, sync and async.</summary>
public sealed class SharedPackageTests
{
    [Theory]
    [InlineData("scorm12_golf_runtime_basic_calls_single_sco.zip", LearningStandard.Scorm12, "Golf Explained - Run-time Basic Calls", "shared/launchpage.html", "com.scorm.golfsamples.runtime.basicruntime.12")]
    [InlineData("scorm12_golf_runtime_minimum_calls_multi_sco.zip", LearningStandard.Scorm12, "Golf Explained - Minimum Run-time Calls", "Playing/Playing.html", "com.scorm.golfsamples.runtime.minimumcalls.12")]
    [InlineData("scorm2004_3rd_golf_runtime_basic_calls_single_sco.zip", LearningStandard.Scorm2004ThirdEdition, "Golf Explained - Run-time Basic Calls", "shared/launchpage.html", "com.scorm.golfsamples.runtime.basicruntime.20043rd")]
    [InlineData("scorm2004_3rd_golf_sequencing_simple_remediation.zip", LearningStandard.Scorm2004ThirdEdition, "Golf Explained - Simple Remediation", "shared/launchpage.html?content=playing", "com.scorm.golfsamples.sequencing.simpleremediation.20043rd")]
    [InlineData("scorm2004_4th_golf_sequencing_posttest_rollup.zip", LearningStandard.Scorm2004FourthEdition, "Golf Explained - 4th Edition Features", "shared/launchpage.html?content=playing", "com.scorm.golfsamples.sequencing.posttestrollup4thEd.20044th")]
    [InlineData("synthetic_scorm12_minimal_autopass.zip", LearningStandard.Scorm12, "Synthetic SCORM 1.2 Auto-Pass Course", "index.html", "org.example.synthetic.scorm12.autopass")]
    [InlineData("synthetic_scorm2004_4th_minimal_autopass.zip", LearningStandard.Scorm2004FourthEdition, "Synthetic SCORM 2004 Auto-Pass Course", "index.html", "org.example.synthetic.scorm2004.autopass")]
    [InlineData("cmi5_catapult_multi_au_framed.zip", LearningStandard.Cmi5, "Introduction to Geology - Multi AU at Root", "index.html?pages=1&complete=launch", "https://w3id.org/xapi/cmi5/catapult/lts/course/geology-intro-multi-au-framed")]
    [InlineData("xapi_tincan_golf_example.zip", LearningStandard.XApi, "Tin Can Golf Example", "index.html", "http://id.tincanapi.com/activity/tincan-prototypes/golf-example")]
    [InlineData("moodle_complexscorm.zip", LearningStandard.Scorm12, "The organization", "index.html", "SCORMDEbugger555f231e21b982c25d15")]
    [InlineData("moodle_RuntimeMinimumCalls_SCORM12-mini.zip", LearningStandard.Scorm12, "Golf Explained - Minimum Run-time Calls", "Playing/Playing.html", "com.scorm.golfsamples.runtime.minimumcalls.12")]
    [InlineData("edge_uppercase_manifest_name.zip", LearningStandard.Scorm12, "Golf Explained - Run-time Basic Calls", "shared/launchpage.html", "com.scorm.golfsamples.runtime.basicruntime.12")]
    [InlineData("edge_manifest_utf8_bom.zip", LearningStandard.Scorm12, "Golf Explained - Run-time Basic Calls", "shared/launchpage.html", "com.scorm.golfsamples.runtime.basicruntime.12")]
    [InlineData("edge_backslash_paths.zip", LearningStandard.Scorm12, "Golf Explained - Run-time Basic Calls", "shared/launchpage.html", "com.scorm.golfsamples.runtime.basicruntime.12")]
    [InlineData("edge_no_default_org_two_orgs.zip", LearningStandard.Scorm12, "Synthetic SCORM 1.2 Auto-Pass Course", "index.html", "org.example.synthetic.scorm12.autopass")]
    [InlineData("edge_xml_base.zip", LearningStandard.Scorm12, "Synthetic SCORM 1.2 Auto-Pass Course", "content/sco1/index.html", "org.example.synthetic.scorm12.xmlbase")]
    [InlineData("edge_two_manifests.zip", LearningStandard.Scorm12, "Synthetic SCORM 1.2 Auto-Pass Course", "index.html", "org.example.synthetic.scorm12.autopass")]
    [InlineData("edge_2004_no_schemaversion.zip", LearningStandard.Scorm2004ThirdEdition, "Synthetic SCORM 2004 Auto-Pass Course", "index.html", "org.example.synthetic.scorm2004.noschemaversion")]
    [InlineData("moodle_singlescobasic_missingorg.zip", LearningStandard.Scorm12, "com.scorm.golfsamples.runtime.basicruntime.12", "sso/launchpage.html", "com.scorm.golfsamples.runtime.basicruntime.12")]
    public async Task Valid_packages_give_the_expected_title_standard_and_launch(
        string file, LearningStandard standard, string title, string launchHref, string identifier)
    {
        foreach (var inspection in new[] { Inspect(file), await InspectAsync(file) })
        {
            Assert.Null(inspection.Error);
            Assert.True(inspection.IsValid);
            var manifest = Assert.IsType<PackageManifest>(inspection.Manifest);
            Assert.Equal(standard, manifest.Standard);
            Assert.Equal(title, manifest.Title);
            Assert.Equal(launchHref, manifest.LaunchHref);
            Assert.Equal(identifier, manifest.Identifier);
            Assert.NotEmpty(manifest.Scos);
            Assert.True(inspection.EntryCount > 0);
            Assert.True(inspection.TotalUncompressedBytes > 0);
        }
    }

    [Theory]
    [InlineData("edge_not_a_zip.zip", PackageErrorCode.NotAZip)]
    [InlineData("edge_empty.zip", PackageErrorCode.Empty)]
    [InlineData("moodle_invalid.zip", PackageErrorCode.NoManifest)]
    [InlineData("moodle_badscorm.zip", PackageErrorCode.ManifestNotAtRoot)]
    [InlineData("edge_nested_top_folder.zip", PackageErrorCode.ManifestNotAtRoot)]
    [InlineData("moodle_validscorm.zip", PackageErrorCode.MalformedManifest)]
    [InlineData("edge_malformed_manifest.zip", PackageErrorCode.MalformedManifest)]
    [InlineData("moodle_validaicc.zip", PackageErrorCode.UnsupportedStandard)]
    [InlineData("edge_zip_slip.zip", PackageErrorCode.UnsafeEntryName)]
    [InlineData("edge_large_file_64MiB.zip", PackageErrorCode.ZipBomb)]
    [InlineData("edge_missing_launch_file.zip", PackageErrorCode.MissingLaunchFile)]
    public async Task Bad_packages_are_rejected_with_the_expected_code(string file, PackageErrorCode code)
    {
        foreach (var inspection in new[] { Inspect(file), await InspectAsync(file) })
        {
            Assert.False(inspection.IsValid);
            Assert.Null(inspection.Manifest);
            var error = Assert.IsType<PackageError>(inspection.Error);
            Assert.Equal(code, error.Code);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    [Fact]
    public void Nested_top_folder_message_tells_the_author_to_zip_the_contents()
    {
        var error = Inspect("edge_nested_top_folder.zip").Error!;

        Assert.Contains("GolfCourse/", error.Message, StringComparison.Ordinal);
        Assert.Contains("contents, not the folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moodle_validscorm.zip", "line 1")]
    [InlineData("edge_malformed_manifest.zip", "line ")]
    public void Malformed_manifest_message_has_line_and_position(string file, string expected)
    {
        var error = Inspect(file).Error!;

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("position", error.Message, StringComparison.Ordinal);
        Assert.Contains("imsmanifest.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_file_is_rejected_by_the_ratio_rule_naming_the_entry()
    {
        var error = Inspect("edge_large_file_64MiB.zip").Error!;

        Assert.Equal(PackageErrorCode.ZipBomb, error.Code);
        Assert.Contains("media/big.bin", error.Message, StringComparison.Ordinal);
        Assert.Contains("ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_slip_message_names_the_entry()
    {
        Assert.Contains("../../evil.txt", Inspect("edge_zip_slip.zip").Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_launch_file_message_names_the_file()
    {
        Assert.Contains("start/missing.html", Inspect("edge_missing_launch_file.zip").Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aicc_message_says_aicc_is_not_supported()
    {
        Assert.StartsWith("AICC packages are not supported", Inspect("moodle_validaicc.zip").Error!.Message, StringComparison.Ordinal);
    }

    internal static PackageInspection Inspect(string file)
    {
        using var stream = File.OpenRead(RepoPaths.Package(file));
        return PackageInspector.Inspect(stream);
    }

    internal static async Task<PackageInspection> InspectAsync(string file)
    {
        await using var stream = File.OpenRead(RepoPaths.Package(file));
        return await PackageInspector.InspectAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
    }
}
