namespace Scorm.Packaging;

/// <summary>
/// Picks the descriptor to read, from entry names alone. Order: root imsmanifest.xml, root cmi5.xml, root tincan.xml;
/// then a descriptor in a sub-folder means the author zipped the folder instead of its contents; then AICC.
/// </summary>
internal static class ManifestLocator
{
    private const string ImsManifest = "imsmanifest.xml";
    private const string Cmi5 = "cmi5.xml";
    private const string TinCan = "tincan.xml";
    private static readonly string[] AiccExtensions = [".crs", ".au", ".des", ".cst"];

    public static (PackageEntry? Entry, ManifestKind Kind, PackageError? Error) Locate(PackageCatalog catalog, List<string> warnings)
    {
        foreach (var (name, kind) in new[] { (ImsManifest, ManifestKind.ImsManifest), (Cmi5, ManifestKind.Cmi5), (TinCan, ManifestKind.TinCan) })
        {
            var atRoot = catalog.Entries.Where(e => !e.IsDirectory && string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (atRoot.Count == 0) continue;
            // Two root manifests differing only in case: prefer the exact spelling, and say so.
            var chosen = atRoot.FirstOrDefault(e => e.Name == name) ?? atRoot[0];
            if (atRoot.Count > 1)
            {
                warnings.Add($"The package has {atRoot.Count} files named like '{name}' at its root; '{chosen.Name}' was used.");
            }
            return (chosen, kind, null);
        }

        var nested = catalog.Entries
            .Where(e => !e.IsDirectory && e.Name.Contains('/', StringComparison.Ordinal))
            .Where(e => EntryNames.FileName(e.Name) is var file
                && (file.Equals(ImsManifest, StringComparison.OrdinalIgnoreCase)
                    || file.Equals(Cmi5, StringComparison.OrdinalIgnoreCase)
                    || file.Equals(TinCan, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(e => e.Name.Count(c => c == '/'))
            .FirstOrDefault();
        if (nested is not null)
        {
            var folder = nested.Name[..nested.Name.LastIndexOf('/')];
            return (null, default, new PackageError(PackageErrorCode.ManifestNotAtRoot,
                $"'{EntryNames.FileName(nested.Name)}' must be at the top of the zip, but it is in the folder '{folder}/'. " +
                $"Open the '{folder}' folder, select everything inside it and zip those files (zip the folder's contents, not the folder)."));
        }

        var aicc = catalog.Entries.FirstOrDefault(e => !e.IsDirectory
            && AiccExtensions.Any(ext => e.Name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)));
        if (aicc is not null)
        {
            return (null, default, new PackageError(PackageErrorCode.UnsupportedStandard,
                $"AICC packages are not supported (found '{aicc.Name}'). Export the course as SCORM 1.2, SCORM 2004, cmi5 or xAPI instead."));
        }

        return (null, default, new PackageError(PackageErrorCode.NoManifest,
            "The package has no imsmanifest.xml (SCORM), cmi5.xml or tincan.xml at its root. Export the course from your authoring tool as a SCORM, cmi5 or xAPI package."));
    }
}
