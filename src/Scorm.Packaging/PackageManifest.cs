namespace Scorm.Packaging;

/// <summary>
/// What the backend and the emulator need from a package. <see cref="Title"/> is the default organization's title
/// (what SCORM Cloud shows); <see cref="LaunchHref"/> is the first launchable SCO's resolved href (may carry a query string).
/// For cmi5 the <see cref="Scos"/> are the AUs; for xAPI the activities.
/// </summary>
public sealed record PackageManifest(
    string Identifier,
    string Title,
    LearningStandard Standard,
    string? SchemaVersion,
    string LaunchHref,
    IReadOnlyList<PackageSco> Scos);
