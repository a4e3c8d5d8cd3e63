using System.IO.Compression;
using System.IO.Hashing;

namespace Scorm.Packaging;

/// <summary>
/// Reads one entry into memory, counting the bytes actually decompressed: the declared size in the zip
/// can lie, so the limit is enforced on what comes out of the decompressor.
/// </summary>
internal static class BoundedEntryReader
{
    public static byte[]? Read(PackageEntry entry, long maxBytes, out PackageError? error)
    {
        if (TooLargeDeclared(entry, maxBytes, out error)) return null;
        using var source = entry.Entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                error = TooLarge(entry, maxBytes);
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return Verified(entry, buffer, out error);
    }

    public static async Task<(byte[]? Bytes, PackageError? Error)> ReadAsync(PackageEntry entry, long maxBytes, CancellationToken cancellationToken)
    {
        if (TooLargeDeclared(entry, maxBytes, out var error)) return (null, error);
        var source = await entry.Entry.OpenAsync(cancellationToken);
        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return (null, TooLarge(entry, maxBytes));
                buffer.Write(chunk, 0, read);
            }
            var bytes = Verified(entry, buffer, out var crcError);
            return (bytes, crcError);
        }
    }

    /// <summary>The runtime stops at the declared size without checking the CRC; a mismatch means a damaged or lying entry.</summary>
    private static byte[]? Verified(PackageEntry entry, MemoryStream buffer, out PackageError? error)
    {
        var crc = Crc32.HashToUInt32(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        error = crc == entry.Entry.Crc32 ? null : SafeZipExtractor.Damaged(entry);
        return error is null ? buffer.ToArray() : null;
    }

    private static bool TooLargeDeclared(PackageEntry entry, long maxBytes, out PackageError? error)
    {
        error = entry.Entry.Length > maxBytes ? TooLarge(entry, maxBytes) : null;
        return error is not null;
    }

    private static PackageError TooLarge(PackageEntry entry, long maxBytes) =>
        new(PackageErrorCode.ZipBomb,
            $"'{entry.Name}' is larger than the {Sizes.Format(maxBytes)} allowed for a manifest.");
}
