namespace ScormFunctions.Testing;

/// <summary>Locates the repository root and the shared SCORM packages beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/scorm-packages</c> next to the clone (where CI puts it).</summary>
    public static string ScormPackages
    {
        get
        {
            var candidate = Environment.GetEnvironmentVariable("SCORM_PACKAGES_DIR")
                ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "scorm-packages"));
            return Directory.Exists(candidate)
                ? candidate
                : throw new DirectoryNotFoundException(
                    $"SCORM test packages not found at {candidate}; set SCORM_PACKAGES_DIR.");
        }
    }

    public static string Package(string fileName)
    {
        var path = Path.Combine(ScormPackages, fileName);
        if (!File.Exists(path)) path = Path.Combine(ScormPackages, "edge-cases", fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException("No such test package.", fileName);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScormFunctions.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Repository root (ScormFunctions.sln) not found above the test binaries.");
    }
}
