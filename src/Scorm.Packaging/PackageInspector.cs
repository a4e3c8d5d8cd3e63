namespace Scorm.Packaging;

/// <summary>
/// Inspects a course package zip without reading it whole: only the central directory and the manifest entry
/// (imsmanifest.xml, or cmi5.xml / tincan.xml) are read, so it is cheap on a seekable blob stream.
/// </summary>
public static class PackageInspector
{
    public static PackageInspection Inspect(Stream seekableZip, PackageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(seekableZip);
        if (!seekableZip.CanSeek) throw new ArgumentException("The package stream must be seekable.", nameof(seekableZip));
        throw new NotImplementedException();
    }

    public static Task<PackageInspection> InspectAsync(
        Stream seekableZip, PackageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seekableZip);
        if (!seekableZip.CanSeek) throw new ArgumentException("The package stream must be seekable.", nameof(seekableZip));
        throw new NotImplementedException();
    }
}
