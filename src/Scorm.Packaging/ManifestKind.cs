namespace Scorm.Packaging;

/// <summary>Which descriptor file describes the package.</summary>
internal enum ManifestKind
{
    ImsManifest,
    Cmi5,
    TinCan,
}
