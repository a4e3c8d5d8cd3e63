using ScormFunctions.Testing;

namespace Scorm.Packaging.Tests;

public sealed class SafeZipExtractorTests : IDisposable
{
    private readonly string sandbox = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"scorm-extract-{Guid.NewGuid():N}")).FullName;

    private string Destination => Path.Combine(sandbox, "a", "b", "course");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(sandbox)) Directory.Delete(sandbox, recursive: true);
    }

    [Fact]
    public async Task Extracts_a_real_package()
    {
        await using var zip = File.OpenRead(RepoPaths.Package("scorm12_golf_runtime_basic_calls_single_sco.zip"));

        await SafeZipExtractor.ExtractAsync(zip, Destination, cancellationToken: Token);

        Assert.True(File.Exists(Path.Combine(Destination, "imsmanifest.xml")));
        Assert.True(File.Exists(Path.Combine(Destination, "shared", "launchpage.html")));
    }

    [Fact]
    public async Task Backslash_names_become_folders_and_macosx_is_skipped()
    {
        await using (var zip = File.OpenRead(RepoPaths.Package("edge_backslash_paths.zip")))
        {
            await SafeZipExtractor.ExtractAsync(zip, Destination, cancellationToken: Token);
        }
        await using (var zip = File.OpenRead(RepoPaths.Package("moodle_complexscorm.zip")))
        {
            await SafeZipExtractor.ExtractAsync(zip, Path.Combine(sandbox, "complex"), cancellationToken: Token);
        }

        Assert.True(File.Exists(Path.Combine(Destination, "Etiquette", "Course.html")));
        Assert.False(Directory.Exists(Path.Combine(sandbox, "complex", "__MACOSX")));
        Assert.Empty(Directory.GetFiles(Path.Combine(sandbox, "complex"), ".DS_Store", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Zip_slip_never_writes_outside_the_destination()
    {
        await using var zip = File.OpenRead(RepoPaths.Package("edge_zip_slip.zip"));

        var ex = await Assert.ThrowsAsync<PackageRejectedException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, cancellationToken: Token));

        Assert.Equal(PackageErrorCode.UnsafeEntryName, ex.Error.Code);
        Assert.Empty(Directory.GetFiles(sandbox, "evil.txt", SearchOption.AllDirectories));
        // Names are all checked before the first write, so nothing at all was extracted.
        Assert.False(Directory.Exists(Destination) && Directory.EnumerateFileSystemEntries(Destination).Any());
    }

    [Theory]
    [InlineData("/tmp/evil-absolute.txt")]
    [InlineData("C:/evil.txt")]
    [InlineData("ok/../../../evil.txt")]
    public async Task Crafted_unsafe_names_are_rejected(string name)
    {
        using var zip = ZipBuilder.Build(("index.html", "<html/>"), (name, "evil"));

        var ex = await Assert.ThrowsAsync<PackageRejectedException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, cancellationToken: Token));

        Assert.Equal(PackageErrorCode.UnsafeEntryName, ex.Error.Code);
        Assert.Empty(Directory.GetFiles(sandbox, "*evil*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Declared_zip_bomb_is_refused_before_writing()
    {
        await using var zip = File.OpenRead(RepoPaths.Package("edge_large_file_64MiB.zip"));

        var ex = await Assert.ThrowsAsync<PackageRejectedException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, cancellationToken: Token));

        Assert.Equal(PackageErrorCode.ZipBomb, ex.Error.Code);
        Assert.False(File.Exists(Path.Combine(Destination, "media", "big.bin")));
    }

    [Fact]
    public async Task Lying_sizes_are_stopped_by_counting_written_bytes()
    {
        const int actualSize = 4 * 1024 * 1024;
        using var honest = ZipBuilder.Build(("media/zeros.bin", new byte[actualSize]));
        using var lying = ZipBuilder.WithDeclaredUncompressedSize(honest, 1000);
        // The declared total (1000 bytes) passes every header check; only counting real bytes can catch this.
        var limits = new PackageLimits { MaxTotalUncompressedBytes = 64 * 1024 };

        await Assert.ThrowsAsync<PackageRejectedException>(() => SafeZipExtractor.ExtractAsync(lying, Destination, limits, Token));

        // Whatever was decompressed before the lie was caught is removed again.
        var written = Directory.Exists(Destination)
            ? Directory.GetFiles(Destination, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : 0;
        Assert.Equal(0, written);
    }

    [Fact]
    public async Task Declared_total_over_the_limit_is_refused_before_writing()
    {
        using var zip = ZipBuilder.Build(("a.bin", new byte[40_000]), ("b.bin", new byte[40_000]));
        var limits = new PackageLimits { MaxTotalUncompressedBytes = 50_000 };

        var ex = await Assert.ThrowsAsync<PackageRejectedException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, limits, Token));

        Assert.Equal(PackageErrorCode.ZipBomb, ex.Error.Code);
        Assert.False(Directory.Exists(Destination));
    }

    [Fact]
    public async Task A_file_whose_content_does_not_match_its_crc_is_rejected_and_removed()
    {
        var page = "<html>" + new string('x', 200_000) + "</html>";
        using var zip = ZipBuilder.StoredWithContentChanged([("index.html", page)], "x</html>", "y</html>");

        var ex = await Assert.ThrowsAsync<PackageRejectedException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, cancellationToken: Token));

        Assert.Equal(PackageErrorCode.NotAZip, ex.Error.Code);
        Assert.Contains("'index.html' in the zip is damaged", ex.Error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Destination, "index.html")));
    }

    [Fact]
    public async Task Not_a_zip_is_rejected()
    {
        await using var zip = File.OpenRead(RepoPaths.Package("edge_not_a_zip.zip"));

        var ex = await Assert.ThrowsAsync<PackageRejectedException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, cancellationToken: Token));

        Assert.Equal(PackageErrorCode.NotAZip, ex.Error.Code);
    }
}
