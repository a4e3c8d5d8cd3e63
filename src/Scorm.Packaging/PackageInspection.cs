namespace Scorm.Packaging;

/// <summary>
/// The outcome of <see cref="PackageInspector.Inspect"/>. <see cref="Manifest"/> is null when <see cref="Error"/> is set.
/// <see cref="EntryCount"/> and <see cref="TotalUncompressedBytes"/> count the entries kept (not <c>__MACOSX/</c>, <c>.DS_Store</c>)
/// and use the sizes declared in the zip's central directory.
/// </summary>
public sealed record PackageInspection(
    PackageManifest? Manifest,
    PackageError? Error,
    IReadOnlyList<string> Warnings,
    int EntryCount,
    long TotalUncompressedBytes)
{
    public bool IsValid => Error is null;
}
