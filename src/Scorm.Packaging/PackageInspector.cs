using System.IO.Compression;

namespace Scorm.Packaging;

/// <summary>
/// Inspects a course package zip without reading it whole: only the central directory and the descriptor entry
/// (imsmanifest.xml, or cmi5.xml / tincan.xml) are read, so it is cheap on a seekable blob stream.
/// Bad packages never throw; they come back with <see cref="PackageInspection.Error"/> set. The stream is left open
/// and its position restored, so the caller can upload the same stream afterwards.
/// </summary>
public static class PackageInspector
{
    public static PackageInspection Inspect(Stream seekableZip, PackageLimits? limits = null)
    {
        RequireSeekable(seekableZip);
        limits ??= PackageLimits.Default;
        var warnings = new List<string>();
        var start = seekableZip.Position;
        try
        {
            using var archive = new ZipArchive(seekableZip, ZipArchiveMode.Read, leaveOpen: true);
            var plan = Plan(archive, limits, warnings);
            if (plan.Error is not null) return Result(plan, null, plan.Error, warnings);
            var bytes = BoundedEntryReader.Read(plan.Descriptor!, limits.MaxManifestBytes, out var readError);
            return Finish(plan, bytes, readError, warnings);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            return NotAZip(ex, warnings);
        }
        finally
        {
            seekableZip.Position = start;
        }
    }

    public static async Task<PackageInspection> InspectAsync(
        Stream seekableZip, PackageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        RequireSeekable(seekableZip);
        limits ??= PackageLimits.Default;
        var warnings = new List<string>();
        var start = seekableZip.Position;
        try
        {
            var archive = await ZipArchive.CreateAsync(seekableZip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            await using (archive)
            {
                var plan = Plan(archive, limits, warnings);
                if (plan.Error is not null) return Result(plan, null, plan.Error, warnings);
                var (bytes, readError) = await BoundedEntryReader.ReadAsync(plan.Descriptor!, limits.MaxManifestBytes, cancellationToken);
                return Finish(plan, bytes, readError, warnings);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            return NotAZip(ex, warnings);
        }
        finally
        {
            seekableZip.Position = start;
        }
    }

    private static void RequireSeekable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The package stream must be seekable (open the blob with OpenRead, or buffer it).", nameof(stream));
        }
    }

    /// <summary>Everything decided from the central directory alone: entry rules, limits and which descriptor to read.</summary>
    private static InspectionPlan Plan(ZipArchive archive, PackageLimits limits, List<string> warnings)
    {
        var catalog = PackageCatalog.Build(archive, limits, out var error);
        if (error is not null) return new InspectionPlan(catalog, null, default, error);
        var (descriptor, kind, locateError) = ManifestLocator.Locate(catalog, warnings);
        return new InspectionPlan(catalog, descriptor, kind, locateError);
    }

    private static PackageInspection Finish(InspectionPlan plan, byte[]? bytes, PackageError? readError, List<string> warnings)
    {
        if (bytes is null) return Result(plan, null, readError, warnings);
        var name = plan.Descriptor!.Name;
        var doc = SafeXml.Load(bytes, name, out var xmlError);
        if (doc is null) return Result(plan, null, xmlError, warnings);

        PackageError? parseError;
        var manifest = plan.Kind switch
        {
            ManifestKind.Cmi5 => Cmi5Parser.Parse(doc, name, warnings, out parseError),
            ManifestKind.TinCan => TinCanParser.Parse(doc, name, warnings, out parseError),
            _ => ImsManifestParser.Parse(doc, name, warnings, out parseError),
        };
        if (manifest is null) return Result(plan, null, parseError, warnings);

        var launchError = CheckLaunchFiles(plan.Catalog, manifest, name, warnings);
        return launchError is null ? Result(plan, manifest, null, warnings) : Result(plan, null, launchError, warnings);
    }

    /// <summary>The course's launch file must be in the zip; other items' missing files are only warnings.</summary>
    private static PackageError? CheckLaunchFiles(PackageCatalog catalog, PackageManifest manifest, string descriptorName, List<string> warnings)
    {
        if (LaunchPaths.IsExternal(manifest.LaunchHref))
        {
            warnings.Add($"The course launches from an external address ({manifest.LaunchHref}), so the package's files are not used for the first item.");
        }
        else if (!LaunchPaths.Exists(catalog, manifest.LaunchHref, warnings))
        {
            var file = LaunchPaths.FilePart(manifest.LaunchHref);
            return new PackageError(PackageErrorCode.MissingLaunchFile,
                $"The course starts at '{manifest.LaunchHref}', but the package has no file '{file}'. Fix the launch href in {descriptorName} or add the file to the zip.");
        }

        var others = manifest.Scos.Select(s => s.LaunchHref)
            .Where(h => !LaunchPaths.IsExternal(h))
            .Select(LaunchPaths.FilePart)
            .Where(f => f != LaunchPaths.FilePart(manifest.LaunchHref))
            .Distinct(StringComparer.Ordinal);
        foreach (var file in others)
        {
            if (!LaunchPaths.Exists(catalog, file, warnings)) warnings.Add($"An item launches '{file}', which is not in the package.");
        }
        return null;
    }

    private static PackageInspection Result(InspectionPlan plan, PackageManifest? manifest, PackageError? error, List<string> warnings) =>
        new(manifest, error, warnings, plan.Catalog.Count, plan.Catalog.TotalUncompressedBytes);

    private static PackageInspection NotAZip(Exception ex, List<string> warnings) =>
        new(null, new PackageError(PackageErrorCode.NotAZip,
            $"The file is not a valid zip archive or is damaged ({ex.Message}). Zip the course again and upload the new file."),
            warnings, 0, 0);

    private sealed record InspectionPlan(PackageCatalog Catalog, PackageEntry? Descriptor, ManifestKind Kind, PackageError? Error);
}
