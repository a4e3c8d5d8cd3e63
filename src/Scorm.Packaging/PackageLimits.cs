namespace Scorm.Packaging;

/// <summary>Size and count limits applied before (and while) anything is decompressed.</summary>
public sealed record PackageLimits
{
    /// <summary>Sum of the declared uncompressed sizes of all entries.</summary>
    public long MaxTotalUncompressedBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Per-entry uncompressed/compressed ratio; only checked for entries larger than <see cref="MinBytesForRatioCheck"/>.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Small entries (text, XML) legitimately compress very well, so the ratio rule skips them.</summary>
    public long MinBytesForRatioCheck { get; init; } = 1024 * 1024;

    public int MaxEntries { get; init; } = 50_000;

    /// <summary>Counted while decompressing the manifest (cmi5.xml / tincan.xml too), not taken from the header.</summary>
    public long MaxManifestBytes { get; init; } = 8 * 1024 * 1024;

    public static PackageLimits Default { get; } = new();
}
