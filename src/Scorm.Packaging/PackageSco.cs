namespace Scorm.Packaging;

/// <summary>
/// One launchable item. <see cref="LaunchHref"/> is resolved: every xml:base level + resource href + item@parameters.
/// <see cref="MasteryScore"/> is SCORM 1.2's <c>adlcp:masteryscore</c> or 2004's <c>imsss:minNormalizedMeasure</c>, as written.
/// </summary>
public sealed record PackageSco(string ItemIdentifier, string Title, string LaunchHref, string? MasteryScore, bool IsVisible);
