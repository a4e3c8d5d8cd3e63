namespace ScormFunctions.Core.Http;

/// <summary>
/// Our ids (courses, registrations, learners) are chosen by us or the LMS: 1–255 characters, none of
/// which Table keys or URL paths cannot carry (<c>/ \ # ?</c>, control characters), and not only dots (<c>.</c>, <c>..</c>).
/// </summary>
public static class ResourceId
{
    public const int MaxLength = 255;

    /// <summary>Returns null when valid, otherwise a message for a 400 problem.</summary>
    public static string? Validate(string? id, string name)
    {
        if (string.IsNullOrEmpty(id)) return $"{name} is required.";
        if (id.Length > MaxLength) return $"{name} is {id.Length} characters long; the maximum is {MaxLength}.";
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                return $"{name} contains '{shown}', which cannot be used in an id (not allowed: / \\ # ? and control characters).";
            }
        }
        if (id.Trim().Length != id.Length) return $"{name} must not start or end with white space.";
        // "." and ".." are path segments, not names: URL normalisation would address another resource.
        if (id.AsSpan().TrimStart('.').IsEmpty) return $"{name} must not consist only of dots.";
        return null;
    }

    public static bool IsValid(string? id) => Validate(id, "id") is null;
}
