namespace Scorm.Packaging;

/// <summary>Extracts a package for the emulator's player, applying the same entry-name rules and limits as the inspector.</summary>
public static class SafeZipExtractor
{
    public static Task ExtractAsync(
        Stream seekableZip, string destinationDirectory, PackageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seekableZip);
        throw new NotImplementedException();
    }
}
