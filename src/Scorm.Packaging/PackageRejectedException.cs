namespace Scorm.Packaging;

/// <summary>
/// Thrown by <see cref="SafeZipExtractor"/> when the package breaks a rule (unsafe entry name, not a zip, limits).
/// </summary>
public sealed class PackageRejectedException : Exception
{
    public PackageRejectedException(PackageError error)
        : base(error?.Message) => Error = error ?? throw new ArgumentNullException(nameof(error));

    public PackageError Error { get; }
}
