using System.IO.Compression;

namespace Scorm.Packaging;

/// <summary>A kept zip entry with its normalised name.</summary>
internal sealed record PackageEntry(string Name, ZipArchiveEntry Entry)
{
    public bool IsDirectory => EntryNames.IsDirectory(Name);
}
