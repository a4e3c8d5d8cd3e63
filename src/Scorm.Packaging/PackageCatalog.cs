using System.IO.Compression;

namespace Scorm.Packaging;

/// <summary>
/// The package's entries as read from the central directory only (no entry data), after the name and size rules.
/// Sizes here are the declared ones; the readers re-check what they actually decompress.
/// </summary>
internal sealed class PackageCatalog
{
    private readonly Dictionary<string, PackageEntry> byName;

    private PackageCatalog(List<PackageEntry> entries, long totalUncompressedBytes)
    {
        Entries = entries;
        TotalUncompressedBytes = totalUncompressedBytes;
        byName = new Dictionary<string, PackageEntry>(StringComparer.Ordinal);
        foreach (var entry in entries) byName.TryAdd(entry.Name, entry);
    }

    public IReadOnlyList<PackageEntry> Entries { get; }

    public long TotalUncompressedBytes { get; }

    public int Count => Entries.Count;

    public PackageEntry? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>Case-insensitive lookup; ambiguity is resolved by taking the first in zip order.</summary>
    public PackageEntry? FindIgnoreCase(string name) =>
        Find(name) ?? Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Builds the catalog or returns the first rule the package breaks.</summary>
    public static PackageCatalog Build(ZipArchive archive, PackageLimits limits, out PackageError? error)
    {
        var all = archive.Entries;
        var kept = new List<PackageEntry>(all.Count);
        long total = 0;
        error = null;

        // Counted before filtering: thousands of __MACOSX entries cost as much to list as real ones.
        if (all.Count > limits.MaxEntries)
        {
            error = new PackageError(PackageErrorCode.TooManyEntries,
                $"The package has {all.Count:N0} files; the limit is {limits.MaxEntries:N0}. Remove unused files and zip it again.");
            return new PackageCatalog(kept, 0);
        }

        foreach (var entry in all)
        {
            var name = EntryNames.Normalize(entry.FullName);
            if (name.Length == 0) continue; // a "./" entry for the root folder itself
            if (EntryNames.IsUnsafe(name))
            {
                error = new PackageError(PackageErrorCode.UnsafeEntryName,
                    $"The package contains the file '{entry.FullName}', whose path is absolute or climbs out of the package ('..'). Zip the course again from its own folder.");
                return new PackageCatalog(kept, total);
            }
            if (EntryNames.IsIgnored(name)) continue;

            if (IsRatioBomb(entry.Length, entry.CompressedLength, limits))
            {
                error = RatioError(entry.FullName, entry.Length, entry.CompressedLength, limits);
                return new PackageCatalog(kept, total);
            }
            total += entry.Length;
            kept.Add(new PackageEntry(name, entry));
        }

        if (total > limits.MaxTotalUncompressedBytes)
        {
            error = new PackageError(PackageErrorCode.ZipBomb,
                $"The package expands to {Sizes.Format(total)}, more than the {Sizes.Format(limits.MaxTotalUncompressedBytes)} limit.");
        }
        else if (kept.Count == 0)
        {
            error = new PackageError(PackageErrorCode.Empty, "The zip file is empty. Add the course files and zip it again.");
        }
        return new PackageCatalog(kept, total);
    }

    public static bool IsRatioBomb(long uncompressed, long compressed, PackageLimits limits) =>
        uncompressed > limits.MinBytesForRatioCheck
        && (compressed <= 0 || (double)uncompressed / compressed > limits.MaxCompressionRatio);

    public static PackageError RatioError(string entryName, long uncompressed, long compressed, PackageLimits limits) =>
        new(PackageErrorCode.ZipBomb,
            $"The file '{entryName}' expands from {Sizes.Format(compressed)} to {Sizes.Format(uncompressed)}, a compression ratio above the {limits.MaxCompressionRatio:0.#}:1 limit, so the package looks like a zip bomb.");
}
