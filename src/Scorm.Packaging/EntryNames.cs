namespace Scorm.Packaging;

/// <summary>Zip entry name rules shared by the inspector and the extractor, so both accept and reject the same packages.</summary>
internal static class EntryNames
{
    /// <summary>
    /// Windows tools write <c>\</c>; manifests always use <c>/</c>. Some tools also prefix <c>./</c>, which would
    /// otherwise hide a root imsmanifest.xml. Nothing else is rewritten, so unsafe names stay visible to <see cref="IsUnsafe"/>.
    /// </summary>
    public static string Normalize(string fullName)
    {
        var name = fullName.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        return name;
    }

    /// <summary>macOS Finder noise that is never part of a course.</summary>
    public static bool IsIgnored(string normalized) =>
        normalized.StartsWith("__MACOSX/", StringComparison.Ordinal)
        || normalized.Contains("/__MACOSX/", StringComparison.Ordinal)
        || normalized == ".DS_Store"
        || normalized.EndsWith("/.DS_Store", StringComparison.Ordinal);

    /// <summary>Absolute, drive-letter or <c>..</c> names could escape an extraction root (zip slip).</summary>
    public static bool IsUnsafe(string normalized)
    {
        if (normalized.Length == 0 || normalized[0] == '/' || normalized.Contains('\0', StringComparison.Ordinal)) return true;
        if (normalized.Length >= 2 && normalized[1] == ':' && char.IsAsciiLetter(normalized[0])) return true;
        foreach (var segment in normalized.Split('/'))
        {
            if (segment == "..") return true;
        }
        return false;
    }

    public static bool IsDirectory(string normalized) => normalized.EndsWith('/');

    /// <summary>The last path segment, e.g. <c>imsmanifest.xml</c> for <c>course/imsmanifest.xml</c>.</summary>
    public static string FileName(string normalized)
    {
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? normalized : normalized[(slash + 1)..];
    }
}
