namespace Scorm.Packaging.Tests;

/// <summary>Version detection and organization fallbacks on small hand-written manifests.</summary>
public sealed class ManifestVariantsTests
{
    private const string Cp12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    private const string Cp2004 = "http://www.imsglobal.org/xsd/imscp_v1p1";
    private const string Adlcp12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
    private const string Adlcp2004 = "http://www.adlnet.org/xsd/adlcp_v1p3";
    private const string Adlcp2004Second = "http://www.adlnet.org/xsd/adlcp_v1p2";

    [Theory]
    [InlineData("1.2", Cp12, Adlcp12, LearningStandard.Scorm12)]
    [InlineData("CAM 1.3", Cp2004, Adlcp2004Second, LearningStandard.Scorm2004SecondEdition)]
    [InlineData("1.3", Cp2004, Adlcp2004, LearningStandard.Scorm2004SecondEdition)]
    [InlineData("2004 3rd Edition", Cp2004, Adlcp2004, LearningStandard.Scorm2004ThirdEdition)]
    [InlineData("2004 4th Edition", Cp2004, Adlcp2004, LearningStandard.Scorm2004FourthEdition)]
    [InlineData(null, Cp12, Adlcp12, LearningStandard.Scorm12)]
    [InlineData(null, Cp2004, Adlcp2004Second, LearningStandard.Scorm2004SecondEdition)]
    [InlineData(null, Cp2004, Adlcp2004, LearningStandard.Scorm2004ThirdEdition)]
    [InlineData(null, "urn:unknown", "urn:unknown-adlcp", LearningStandard.Scorm12)]
    [InlineData("9.9", Cp2004, Adlcp2004, LearningStandard.Scorm2004ThirdEdition)]
    public void Version_comes_from_schemaversion_then_namespaces(string? schemaVersion, string cp, string adlcp, LearningStandard expected)
    {
        var metadata = schemaVersion is null ? string.Empty : $"<metadata><schema>ADL SCORM</schema><schemaversion>{schemaVersion}</schemaversion></metadata>";
        var manifest = $"""
            <manifest identifier="m" xmlns="{cp}" xmlns:adlcp="{adlcp}">
              {metadata}
              <organizations default="o"><organization identifier="o"><title>T</title><item identifier="i" identifierref="r"><title>S</title></item></organization></organizations>
              <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="index.html"/></resources>
            </manifest>
            """;

        Assert.Equal(expected, Inspect(manifest).Manifest?.Standard);
    }

    [Fact]
    public void First_visible_item_is_launched_and_hidden_items_are_listed()
    {
        var manifest = $"""
            <manifest identifier="m" xmlns="{Cp12}" xmlns:adlcp="{Adlcp12}">
              <organizations default="o"><organization identifier="o"><title>T</title>
                <item identifier="hidden" identifierref="r1" isvisible="false"><title>Hidden</title></item>
                <item identifier="folder"><title>Folder</title>
                  <item identifier="shown" identifierref="r2"><title>Shown</title></item>
                </item>
              </organization></organizations>
              <resources>
                <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="hidden.html"/>
                <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="index.html"/>
              </resources>
            </manifest>
            """;

        var result = Inspect(manifest, ("hidden.html", ""));

        Assert.Equal("index.html", result.Manifest!.LaunchHref);
        Assert.Equal(["hidden", "shown"], result.Manifest.Scos.Select(s => s.ItemIdentifier));
        Assert.False(result.Manifest.Scos[0].IsVisible);
    }

    [Fact]
    public void Without_organizations_the_lom_title_and_first_sco_resource_are_used()
    {
        var manifest = $"""
            <manifest identifier="m" xmlns="{Cp12}" xmlns:adlcp="{Adlcp12}" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
              <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>
                <imsmd:lom><imsmd:general><imsmd:title><imsmd:langstring xml:lang="en">LOM   Title</imsmd:langstring></imsmd:title></imsmd:general></imsmd:lom>
              </metadata>
              <organizations/>
              <resources>
                <resource identifier="asset" type="webcontent" adlcp:scormtype="asset" href="readme.html"/>
                <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html"/>
              </resources>
            </manifest>
            """;

        var result = Inspect(manifest, ("readme.html", ""));

        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal("LOM Title", result.Manifest!.Title);
        Assert.Equal("index.html", result.Manifest.LaunchHref);
        Assert.Equal(2, result.Manifest.Scos.Count);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void Item_referring_to_an_unknown_resource_is_skipped_with_a_warning()
    {
        var manifest = $"""
            <manifest identifier="m" xmlns="{Cp12}" xmlns:adlcp="{Adlcp12}">
              <metadata><schemaversion>1.2</schemaversion></metadata>
              <organizations default="o"><organization identifier="o"><title>T</title>
                <item identifier="broken" identifierref="nope"><title>Broken</title></item>
                <item identifier="ok" identifierref="r"><title>OK</title></item>
              </organization></organizations>
              <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html"/></resources>
            </manifest>
            """;

        var result = Inspect(manifest);

        Assert.Equal("ok", Assert.Single(result.Manifest!.Scos).ItemIdentifier);
        Assert.Contains(result.Warnings, w => w.Contains("'nope'", StringComparison.Ordinal));
    }

    private static PackageInspection Inspect(string manifest, params (string Name, string Content)[] extra)
    {
        using var zip = ZipBuilder.Build([("imsmanifest.xml", manifest), ("index.html", "<html/>"), .. extra]);
        return PackageInspector.Inspect(zip);
    }
}
