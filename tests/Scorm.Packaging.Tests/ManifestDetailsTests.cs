namespace Scorm.Packaging.Tests;

/// <summary>Item lists, parameters, visibility, mastery scores and the warnings authors see.</summary>
public sealed class ManifestDetailsTests
{
    private static PackageManifest Manifest(string file) => SharedPackageTests.Inspect(file).Manifest!;

    [Fact]
    public void Simple_remediation_appends_item_parameters_to_the_shared_resource()
    {
        var scos = Manifest("scorm2004_3rd_golf_sequencing_simple_remediation.zip").Scos;

        Assert.Equal(8, scos.Count);
        Assert.Equal(
            ["shared/launchpage.html?content=playing", "shared/launchpage.html?content=etiquette",
             "shared/launchpage.html?content=handicapping", "shared/launchpage.html?content=havingfun",
             "shared/launchpage.html?content=assessment1", "shared/launchpage.html?content=assessment2",
             "shared/launchpage.html?content=assessment3", "shared/launchpage.html?content=assessment4"],
            scos.Select(s => s.LaunchHref));
        Assert.Equal("test_1", scos[4].ItemIdentifier);
    }

    [Fact]
    public void Multi_sco_tree_is_walked_depth_first()
    {
        var scos = Manifest("scorm12_golf_runtime_minimum_calls_multi_sco.zip").Scos;

        Assert.Equal(18, scos.Count);
        Assert.Equal("Playing/Playing.html", scos[0].LaunchHref);
        Assert.All(scos, s => Assert.True(s.IsVisible));
    }

    [Fact]
    public void Complex_scorm_keeps_hidden_items_marks_assets_and_ignores_macosx_entries()
    {
        var inspection = SharedPackageTests.Inspect("moodle_complexscorm.zip");
        var scos = inspection.Manifest!.Scos;

        Assert.Equal(8, scos.Count);
        Assert.Equal(["The first content (one SCO)", "The second content (one SCO too)", "Third content (this is an asset)",
            "SCO with subscoes", "Sub-SCO", "Sub-Sub-SCO", "SCO not visible", "SCO with prerequisite (first and secon SCO)"],
            scos.Select(s => s.Title));
        Assert.False(scos.Single(s => s.Title == "SCO not visible").IsVisible);
        Assert.True(scos.Single(s => s.Title == "Third content (this is an asset)").IsAsset);
        Assert.Equal(1, scos.Count(s => s.IsAsset));
        // The organizations@default IDREF does not match the organization's identifier in this fixture.
        Assert.Contains(inspection.Warnings, w => w.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Entry_counts_exclude_macosx_and_ds_store()
    {
        var inspection = SharedPackageTests.Inspect("moodle_complexscorm.zip");

        Assert.True(inspection.EntryCount < 89);
        Assert.True(inspection.EntryCount > 0);
    }

    [Theory]
    [InlineData("synthetic_scorm12_minimal_autopass.zip", "80")]
    [InlineData("synthetic_scorm2004_4th_minimal_autopass.zip", "0.8")]
    [InlineData("edge_xml_base.zip", "80")]
    public void Mastery_score_is_read_for_both_versions(string file, string expected)
    {
        Assert.Equal(expected, Manifest(file).Scos[0].MasteryScore);
    }

    [Theory]
    [InlineData("scorm12_golf_runtime_basic_calls_single_sco.zip", "1.2")]
    [InlineData("scorm2004_3rd_golf_runtime_basic_calls_single_sco.zip", "2004 3rd Edition")]
    [InlineData("scorm2004_4th_golf_sequencing_posttest_rollup.zip", "2004 4th Edition")]
    [InlineData("edge_2004_no_schemaversion.zip", null)]
    [InlineData("cmi5_catapult_multi_au_framed.zip", null)]
    public void Schema_version_is_reported_as_written(string file, string? expected)
    {
        Assert.Equal(expected, Manifest(file).SchemaVersion);
    }

    [Fact]
    public void Scorm2004_without_schemaversion_warns_that_the_edition_was_assumed()
    {
        var inspection = SharedPackageTests.Inspect("edge_2004_no_schemaversion.zip");

        Assert.Contains(inspection.Warnings, w => w.Contains("3rd Edition was assumed", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_default_organization_attribute_warns_and_uses_the_first()
    {
        var inspection = SharedPackageTests.Inspect("edge_no_default_org_two_orgs.zip");

        Assert.Equal("item1", inspection.Manifest!.Scos.Single().ItemIdentifier);
        Assert.Contains(inspection.Warnings, w => w.Contains("no default attribute", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_organization_falls_back_to_the_sco_resource_with_a_warning()
    {
        var inspection = SharedPackageTests.Inspect("moodle_singlescobasic_missingorg.zip");

        var sco = Assert.Single(inspection.Manifest!.Scos);
        Assert.Equal("resource_1", sco.ItemIdentifier);
        Assert.Equal("sso/launchpage.html", sco.LaunchHref);
        Assert.NotEmpty(inspection.Warnings);
    }

    [Fact]
    public void Cmi5_lists_every_au_with_its_title()
    {
        var manifest = Manifest("cmi5_catapult_multi_au_framed.zip");

        Assert.Equal(8, manifest.Scos.Count);
        Assert.Equal("Introduction to Geology", manifest.Scos[0].Title);
        Assert.Equal("index.html?pages=2&complete=launch", manifest.Scos[1].LaunchHref);
        Assert.Equal("https://w3id.org/xapi/cmi5/catapult/lts/course/geology-intro-multi-au-framed/1", manifest.Scos[0].ItemIdentifier);
    }

    [Fact]
    public void Valid_golf_package_has_no_warnings()
    {
        Assert.Empty(SharedPackageTests.Inspect("scorm12_golf_runtime_basic_calls_single_sco.zip").Warnings);
    }

    [Theory]
    [InlineData(LearningStandard.Unknown, "UNKNOWN")]
    [InlineData(LearningStandard.Scorm12, "SCORM12")]
    [InlineData(LearningStandard.Scorm2004SecondEdition, "SCORM20042NDEDITION")]
    [InlineData(LearningStandard.Scorm2004ThirdEdition, "SCORM20043RDEDITION")]
    [InlineData(LearningStandard.Scorm2004FourthEdition, "SCORM20044THEDITION")]
    [InlineData(LearningStandard.Aicc, "AICC")]
    [InlineData(LearningStandard.XApi, "XAPI")]
    [InlineData(LearningStandard.Cmi5, "CMI5")]
    public void Standards_map_to_scorm_cloud_names(LearningStandard standard, string expected)
    {
        Assert.Equal(expected, standard.ToScormCloudName());
    }
}
