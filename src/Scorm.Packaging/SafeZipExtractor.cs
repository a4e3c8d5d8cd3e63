using System.IO.Compression;
using System.IO.Hashing;

namespace Scorm.Packaging;

/// <summary>
/// Extracts a package for the emulator's player with the inspector's entry-name rules and limits.
/// Every name is checked before anything is written, each target path is re-checked against the destination,
/// and limits are enforced on the bytes actually decompressed, so a zip whose headers lie about sizes cannot beat them.
/// Throws <see cref="PackageRejectedException"/> for a bad package; files written before a failure are deleted.
/// </summary>
public static class SafeZipExtractor
{
    private const int BufferSize = 81920;

    public static async Task ExtractAsync(
        Stream seekableZip, string destinationDirectory, PackageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seekableZip);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        if (!seekableZip.CanSeek) throw new ArgumentException("The package stream must be seekable.", nameof(seekableZip));
        limits ??= PackageLimits.Default;

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destinationDirectory)) + Path.DirectorySeparatorChar;
        var written = new List<string>();
        try
        {
            var archive = await ZipArchive.CreateAsync(seekableZip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            await using (archive)
            {
                var catalog = PackageCatalog.Build(archive, limits, out var error);
                if (error is not null) throw new PackageRejectedException(error);
                Directory.CreateDirectory(root);
                long total = 0;
                foreach (var entry in catalog.Entries)
                {
                    var target = TargetPath(root, entry);
                    if (entry.IsDirectory)
                    {
                        Directory.CreateDirectory(target);
                        continue;
                    }
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    written.Add(target);
                    total = await CopyEntryAsync(entry, target, total, limits, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            DeleteQuietly(written);
            throw new PackageRejectedException(new PackageError(PackageErrorCode.NotAZip,
                $"The file is not a valid zip archive or is damaged ({ex.Message}). Zip the course again and upload the new file."));
        }
        catch
        {
            DeleteQuietly(written);
            throw;
        }
    }

    /// <summary>Defence in depth: even a name that passed the rules must resolve inside the destination.</summary>
    private static string TargetPath(string root, PackageEntry entry)
    {
        var target = Path.GetFullPath(Path.Combine(root, entry.Name));
        var inside = target.StartsWith(root, StringComparison.Ordinal)
            || (entry.IsDirectory && string.Equals(target + Path.DirectorySeparatorChar, root, StringComparison.Ordinal));
        if (!inside)
        {
            throw new PackageRejectedException(new PackageError(PackageErrorCode.UnsafeEntryName,
                $"The package contains the file '{entry.Entry.FullName}', which would be written outside the course folder."));
        }
        return target;
    }

    /// <summary>Copies one entry, counting real bytes against its declared size and the package total; returns the new total.</summary>
    private static async Task<long> CopyEntryAsync(PackageEntry entry, string target, long total, PackageLimits limits, CancellationToken cancellationToken)
    {
        var declared = entry.Entry.Length;
        var input = await entry.Entry.OpenAsync(cancellationToken);
        await using (input)
        await using (var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            var buffer = new byte[BufferSize];
            var crc = new Crc32();
            long entryBytes = 0;
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                entryBytes += read;
                total += read;
                if (entryBytes > declared)
                {
                    throw new PackageRejectedException(new PackageError(PackageErrorCode.ZipBomb,
                        $"The file '{entry.Entry.FullName}' expands to more than the {Sizes.Format(declared)} its zip header declares, so the package looks like a zip bomb."));
                }
                if (total > limits.MaxTotalUncompressedBytes)
                {
                    throw new PackageRejectedException(new PackageError(PackageErrorCode.ZipBomb,
                        $"The package expands to more than the {Sizes.Format(limits.MaxTotalUncompressedBytes)} limit (while extracting '{entry.Entry.FullName}')."));
                }
                crc.Append(buffer.AsSpan(0, read));
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            // The runtime stops at the declared size without checking the CRC: a header that lies about the size would
            // silently truncate the file, a mismatch turns that into an error.
            if (crc.GetCurrentHashAsUInt32() != entry.Entry.Crc32) throw new PackageRejectedException(Damaged(entry));
        }
        return total;
    }

    internal static PackageError Damaged(PackageEntry entry) =>
        new(PackageErrorCode.NotAZip,
            $"The file '{entry.Entry.FullName}' in the zip is damaged: its content does not match the checksum and size in the zip header. Zip the course again and upload the new file.");

    private static void DeleteQuietly(List<string> files)
    {
        foreach (var file in files)
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Best effort: the caller is told the package was rejected either way.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
