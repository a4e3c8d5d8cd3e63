using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scorm.Packaging.Tests;

/// <summary>Hostile and unusual packages built in memory.</summary>
public sealed class CraftedPackageTests
{
    private static readonly string Index = "<html></html>";

    [Fact]
    public async Task External_entities_and_dtds_are_never_resolved()
    {
        var secretFile = Path.Combine(Path.GetTempPath(), $"scorm-xxe-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secretFile, "TOP-SECRET-MARKER", TestContext.Current.CancellationToken);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            var manifest = ZipBuilder.Manifest12(title: "&xxe;&remote;").Replace(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE manifest SYSTEM "http://127.0.0.1:{port}/evil.dtd" [
                  <!ENTITY xxe SYSTEM "file://{secretFile}">
                  <!ENTITY remote SYSTEM "http://127.0.0.1:{port}/entity">
                ]>
                """,
                StringComparison.Ordinal);
            using var zip = ZipBuilder.Build(("imsmanifest.xml", manifest), ("index.html", Index));

            var inspection = PackageInspector.Inspect(zip);

            // Either rejected (entities are not declared when the DTD is ignored) or parsed without them; never resolved.
            Assert.DoesNotContain("TOP-SECRET-MARKER", inspection.Manifest?.Title ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET-MARKER", inspection.Error?.Message ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal(PackageErrorCode.MalformedManifest, inspection.Error?.Code);
            Assert.False(listener.Pending(), "The inspector connected to the DTD/entity URL.");
        }
        finally
        {
            listener.Stop();
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void A_harmless_doctype_is_ignored()
    {
        var manifest = ZipBuilder.Manifest12().Replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE manifest SYSTEM \"imscp.dtd\">",
            StringComparison.Ordinal);
        using var zip = ZipBuilder.Build(("imsmanifest.xml", manifest), ("index.html", Index));

        Assert.True(PackageInspector.Inspect(zip).IsValid);
    }

    [Fact]
    public void A_manifest_nested_80000_levels_deep_is_rejected_before_a_dom_is_built()
    {
        // Issue 12 item 3: a 560 KB manifest with 80,000 nested elements in the organization title took 10-22 s of CPU.
        const int Levels = 80_000;
        var title = new StringBuilder(Levels * 7).Insert(0, "<b>", Levels).Append('x').Insert(Levels * 3 + 1, "</b>", Levels).ToString();
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12(title: title)), ("index.html", Index));

        var inspection = PackageInspector.Inspect(zip);

        Assert.Equal(PackageErrorCode.MalformedManifest, inspection.Error?.Code);
        Assert.Contains("256 levels deep", inspection.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_nested_within_the_depth_limit_is_inspected()
    {
        // manifest > organizations > organization > title = depth 3; 200 more levels stay under the limit of 256.
        const int Levels = 200;
        var title = new StringBuilder().Insert(0, "<b>", Levels).Append("Deep").Insert(Levels * 3 + 4, "</b>", Levels).ToString();
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12(title: title)), ("index.html", Index));

        Assert.True(PackageInspector.Inspect(zip).IsValid);
    }

    [Fact]
    public void Billion_laughs_is_not_expanded()
    {
        var manifest = ZipBuilder.Manifest12(title: "&lol3;").Replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE manifest [
              <!ENTITY lol "lollollollollollollollollollol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            """,
            StringComparison.Ordinal);
        using var zip = ZipBuilder.Build(("imsmanifest.xml", manifest), ("index.html", Index));

        Assert.Equal(PackageErrorCode.MalformedManifest, PackageInspector.Inspect(zip).Error?.Code);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/evil.txt")]
    [InlineData("C:\\Windows\\evil.txt")]
    [InlineData("content/../../evil.txt")]
    [InlineData("..\\evil.txt")]
    [InlineData("__MACOSX/../../evil.txt")]
    public void Unsafe_entry_names_reject_the_package_naming_the_entry(string name)
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12()), ("index.html", Index), (name, "x"));

        var error = PackageInspector.Inspect(zip).Error!;

        Assert.Equal(PackageErrorCode.UnsafeEntryName, error.Code);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotted_names_that_do_not_climb_are_allowed()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12()), ("index.html", Index), ("a/..b/c..d/x.js", "x"));

        Assert.True(PackageInspector.Inspect(zip).IsValid);
    }

    [Fact]
    public void Too_many_entries_is_rejected_with_the_limit()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12()), ("index.html", Index), ("a.js", ""), ("b.js", ""));

        var error = PackageInspector.Inspect(zip, new PackageLimits { MaxEntries = 3 }).Error!;

        Assert.Equal(PackageErrorCode.TooManyEntries, error.Code);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_total_over_the_limit_is_a_zip_bomb()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12()), ("index.html", new string('x', 5000)));

        var error = PackageInspector.Inspect(zip, new PackageLimits { MaxTotalUncompressedBytes = 4096 }).Error!;

        Assert.Equal(PackageErrorCode.ZipBomb, error.Code);
    }

    [Fact]
    public void Highly_compressible_files_below_the_ratio_threshold_are_fine()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12()), ("index.html", Index), ("media/zeros.bin", new string('\0', 1024 * 1024)));

        Assert.True(PackageInspector.Inspect(zip).IsValid);
    }

    [Fact]
    public void Manifest_larger_than_the_limit_is_rejected_from_its_declared_size()
    {
        var manifest = ZipBuilder.Manifest12(body: $"<!-- {new string('x', 100_000)} -->");
        using var zip = ZipBuilder.Build(("imsmanifest.xml", manifest), ("index.html", Index));

        var error = PackageInspector.Inspect(zip, new PackageLimits { MaxManifestBytes = 10_000 }).Error!;

        Assert.Equal(PackageErrorCode.ZipBomb, error.Code);
        Assert.Contains("imsmanifest.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_whose_content_does_not_match_its_crc_is_damaged()
    {
        // Same size, well-formed XML, different bytes: only the CRC-32 check can tell.
        using var zip = ZipBuilder.StoredWithContentChanged(
            [("imsmanifest.xml", ZipBuilder.Manifest12()), ("index.html", Index)], "<title>Course</title>", "<title>Coursf</title>");

        var sync = PackageInspector.Inspect(zip);
        zip.Position = 0;
        var async = await PackageInspector.InspectAsync(zip, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var inspection in new[] { sync, async })
        {
            Assert.Equal(PackageErrorCode.NotAZip, inspection.Error?.Code);
            Assert.Contains("'imsmanifest.xml' in the zip is damaged", inspection.Error!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_manifest_with_its_crc_intact_is_valid()
    {
        using var zip = ZipBuilder.StoredWithContentChanged(
            [("imsmanifest.xml", ZipBuilder.Manifest12()), ("index.html", Index)], "<title>Course</title>", "<title>Course</title>");

        var inspection = PackageInspector.Inspect(zip);

        Assert.True(inspection.IsValid, inspection.Error?.Message);
        Assert.Equal("Course", inspection.Manifest!.Title);
    }

    [Fact]
    public async Task Manifest_whose_header_lies_about_its_size_is_still_bounded()
    {
        var manifest = ZipBuilder.Manifest12(body: $"<!-- {new string('x', 100_000)} -->");
        using var honest = ZipBuilder.Build(("imsmanifest.xml", manifest));
        using var lying = ZipBuilder.WithDeclaredUncompressedSize(honest, 1000);
        var limits = new PackageLimits { MaxManifestBytes = 10_000 };

        var sync = PackageInspector.Inspect(lying, limits);
        lying.Position = 0;
        var async = await PackageInspector.InspectAsync(lying, limits, TestContext.Current.CancellationToken);

        // The runtime may stop at the declared size (then the XML is truncated) or we stop at the limit: never a valid package.
        foreach (var inspection in new[] { sync, async })
        {
            Assert.NotNull(inspection.Error);
            Assert.Contains(inspection.Error.Code, new[] { PackageErrorCode.ZipBomb, PackageErrorCode.MalformedManifest, PackageErrorCode.NotAZip });
        }
    }

    [Fact]
    public void Only_macosx_entries_is_empty()
    {
        using var zip = ZipBuilder.Build(("__MACOSX/._imsmanifest.xml", "x"), (".DS_Store", "x"));

        Assert.Equal(PackageErrorCode.Empty, PackageInspector.Inspect(zip).Error?.Code);
    }

    [Fact]
    public void Launch_file_differing_only_in_case_is_accepted_with_a_warning()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12(href: "Index.HTML")), ("index.html", Index));

        var inspection = PackageInspector.Inspect(zip);

        Assert.True(inspection.IsValid);
        Assert.Contains(inspection.Warnings, w => w.Contains("letter case", StringComparison.Ordinal));
    }

    [Fact]
    public void Dot_slash_prefixed_entry_names_are_found()
    {
        using var zip = ZipBuilder.Build(("./", ""), ("./imsmanifest.xml", ZipBuilder.Manifest12()), ("./index.html", Index));

        var inspection = PackageInspector.Inspect(zip);

        Assert.True(inspection.IsValid, inspection.Error?.Message);
        Assert.Equal("index.html", inspection.Manifest!.LaunchHref);
    }

    [Theory]
    [InlineData("content/../index.html?x=1", "index.html?x=1", true)]
    [InlineData("./index.html", "index.html", true)]
    [InlineData("../index.html", "../index.html", false)]
    public void Dot_segments_in_hrefs_are_resolved_within_the_package(string href, string expected, bool valid)
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12(href: href)), ("index.html", Index));

        var inspection = PackageInspector.Inspect(zip);

        Assert.Equal(valid, inspection.IsValid);
        if (valid) Assert.Equal(expected, inspection.Manifest!.LaunchHref);
        else Assert.Equal(PackageErrorCode.MissingLaunchFile, inspection.Error?.Code);
    }

    [Fact]
    public void Url_encoded_launch_href_matches_the_file()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12(href: "my%20course/index.html")), ("my course/index.html", Index));

        Assert.True(PackageInspector.Inspect(zip).IsValid);
    }

    [Fact]
    public void Root_element_other_than_manifest_is_malformed()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", "<html><body/></html>"), ("index.html", Index));

        Assert.Equal(PackageErrorCode.MalformedManifest, PackageInspector.Inspect(zip).Error?.Code);
    }

    [Fact]
    public void Organization_without_launchable_items_or_resources_has_no_launchable_resource()
    {
        var manifest = """
            <manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">
              <organizations default="o"><organization identifier="o"><title>T</title><item identifier="i"><title>Folder</title></item></organization></organizations>
              <resources><resource identifier="r" type="webcontent"><file href="a.js"/></resource></resources>
            </manifest>
            """;
        using var zip = ZipBuilder.Build(("imsmanifest.xml", manifest), ("a.js", ""));

        Assert.Equal(PackageErrorCode.NoLaunchableResource, PackageInspector.Inspect(zip).Error?.Code);
    }

    [Fact]
    public void Xml_base_on_manifest_resources_and_resource_all_apply()
    {
        var manifest = """
            <manifest identifier="m" xml:base="course/" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
              <organizations default="o"><organization identifier="o"><title>T</title>
                <item identifier="i" identifierref="r" parameters="?lang=en"><title>S</title></item></organization></organizations>
              <resources xml:base="content"><resource identifier="r" type="webcontent" adlcp:scormtype="sco" xml:base="./sco1/" href="start.html"/></resources>
            </manifest>
            """;
        using var zip = ZipBuilder.Build(("imsmanifest.xml", manifest), ("course/content/sco1/start.html", Index));

        Assert.Equal("course/content/sco1/start.html?lang=en", PackageInspector.Inspect(zip).Manifest?.LaunchHref);
    }

    [Fact]
    public void Root_cmi5_with_an_absolute_au_url_is_valid_with_a_warning()
    {
        var cmi5 = """
            <courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
              <course id="urn:c"><title><langstring lang="en">Remote course</langstring></title></course>
              <block id="urn:b"><au id="urn:au1" masteryScore="0.7"><title><langstring lang="en">AU one</langstring></title><url>https://example.com/au1/</url></au></block>
            </courseStructure>
            """;
        using var zip = ZipBuilder.Build(("cmi5.xml", cmi5));

        var inspection = PackageInspector.Inspect(zip);

        Assert.True(inspection.IsValid);
        Assert.Equal(LearningStandard.Cmi5, inspection.Manifest!.Standard);
        Assert.Equal("Remote course", inspection.Manifest.Title);
        Assert.Equal("0.7", inspection.Manifest.Scos[0].MasteryScore);
        Assert.NotEmpty(inspection.Warnings);
    }

    [Theory]
    [InlineData("course/cmi5.xml")]
    [InlineData("course/tincan.xml")]
    [InlineData("course/IMSMANIFEST.XML")]
    public void Descriptor_in_a_sub_folder_is_not_at_root(string name)
    {
        using var zip = ZipBuilder.Build((name, "<x/>"), ("course/index.html", Index));

        var error = PackageInspector.Inspect(zip).Error!;

        Assert.Equal(PackageErrorCode.ManifestNotAtRoot, error.Code);
        Assert.Contains("'course'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tincan_without_launch_has_no_launchable_resource()
    {
        using var zip = ZipBuilder.Build(("tincan.xml", """<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities><activity id="urn:a"><name>A</name></activity></activities></tincan>"""));

        Assert.Equal(PackageErrorCode.NoLaunchableResource, PackageInspector.Inspect(zip).Error?.Code);
    }

    [Fact]
    public async Task Non_seekable_streams_are_refused()
    {
        using var zip = ZipBuilder.Build(("imsmanifest.xml", ZipBuilder.Manifest12()));
        using var stream = new CountingStream(zip, canSeek: false);

        Assert.Throws<ArgumentException>(() => PackageInspector.Inspect(stream));
        await Assert.ThrowsAsync<ArgumentException>(() => PackageInspector.InspectAsync(stream, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Zero_byte_stream_is_not_a_zip()
    {
        using var empty = new MemoryStream();

        Assert.Equal(PackageErrorCode.NotAZip, PackageInspector.Inspect(empty).Error?.Code);
    }
}
