namespace Scorm.Packaging;

/// <summary>
/// One launchable item. <see cref="LaunchHref"/> is resolved: every xml:base level + resource href + item@parameters.
/// <see cref="MasteryScore"/> is SCORM 1.2's <c>adlcp:masteryscore</c> or, in 2004, the primary objective's
/// <c>imsss:minNormalizedMeasure</c> when <c>satisfiedByMeasure</c> is true, as written in the manifest.
/// For cmi5 it is the AU's <c>masteryScore</c>.
/// </summary>
public sealed record PackageSco(string ItemIdentifier, string Title, string LaunchHref, string? MasteryScore, bool IsVisible)
{
    /// <summary>True when the item's resource is an asset (no <c>scormtype="sco"</c>): it is launched but never calls the run-time API.</summary>
    public bool IsAsset { get; init; }
}
