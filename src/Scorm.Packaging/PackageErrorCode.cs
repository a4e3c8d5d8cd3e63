namespace Scorm.Packaging;

public enum PackageErrorCode
{
    NotAZip,
    Empty,
    NoManifest,
    ManifestNotAtRoot,
    MalformedManifest,
    UnsafeEntryName,
    ZipBomb,
    TooManyEntries,
    MissingLaunchFile,
    NoLaunchableResource,
    UnsupportedStandard,
}
