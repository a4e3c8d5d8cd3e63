namespace Scorm.Packaging;

/// <summary>Builds launch hrefs and checks that the file they name is in the zip.</summary>
internal static class LaunchPaths
{
    /// <summary>
    /// Joins xml:base levels and the href the way LMSs do in practice (concatenation, adding a missing <c>/</c>).
    /// An absolute href or base (http://...) restarts the path, as in URI resolution.
    /// </summary>
    public static string Combine(IEnumerable<string?> parts)
    {
        var result = string.Empty;
        foreach (var raw in parts)
        {
            var part = raw?.Trim().Replace('\\', '/');
            if (string.IsNullOrEmpty(part)) continue;
            if (IsExternal(part) || part.StartsWith('/'))
            {
                result = part;
                continue;
            }
            if (result.Length > 0 && !result.EndsWith('/')) result += "/";
            result += part;
        }
        return StripDotSegments(result);
    }

    /// <summary>Appends item@parameters per the IMS CP rules: a leading '?' or '&amp;' is adjusted to the href's query.</summary>
    public static string AppendParameters(string href, string? parameters)
    {
        var p = parameters?.Trim();
        if (string.IsNullOrEmpty(p)) return href;
        if (p.StartsWith('#')) return href + p;
        p = p.TrimStart('?', '&');
        if (p.Length == 0) return href;
        return href + (href.Contains('?', StringComparison.Ordinal) ? "&" : "?") + p;
    }

    public static bool IsExternal(string href) =>
        href.StartsWith("//", StringComparison.Ordinal)
        || (Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    /// <summary>The file part of an href: no query string or fragment, no leading "./".</summary>
    public static string FilePart(string href)
    {
        var end = href.IndexOfAny(['?', '#']);
        return end < 0 ? href : href[..end];
    }

    /// <summary>
    /// Finds the launch file: exact name first, then URL-decoded, then ignoring case (web servers on Windows
    /// forgive case, Linux and blob storage do not, hence the warning).
    /// </summary>
    public static bool Exists(PackageCatalog catalog, string href, List<string> warnings)
    {
        var file = FilePart(href);
        if (catalog.Find(file) is not null) return true;
        var decoded = Uri.UnescapeDataString(file);
        if (catalog.Find(decoded) is not null) return true;
        var other = catalog.FindIgnoreCase(decoded);
        if (other is null) return false;
        warnings.Add($"The launch file '{file}' only exists as '{other.Name}' (different letter case); it may not load on case-sensitive servers.");
        return true;
    }

    /// <summary>
    /// Removes "." and resolves ".." segments in the path part (not the query), so "content/../index.html" finds
    /// "index.html". A ".." that would climb above the package root is kept, so the file is reported missing.
    /// </summary>
    private static string StripDotSegments(string href)
    {
        if (IsExternal(href)) return href;
        var file = FilePart(href);
        var rest = href[file.Length..];
        var segments = new List<string>();
        foreach (var segment in file.Split('/'))
        {
            if (segment == ".") continue;
            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        return string.Join('/', segments) + rest;
    }
}
