namespace Scorm.Packaging;

/// <summary>Why a package was rejected. <see cref="Message"/> is written for the course author and names the entry or limit.</summary>
public sealed record PackageError(PackageErrorCode Code, string Message);
