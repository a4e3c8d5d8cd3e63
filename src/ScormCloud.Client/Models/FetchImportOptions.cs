namespace ScormCloud.Client.Models;

/// <summary>Optional settings for <see cref="ScormCloudClient.CreateFetchImportJobAsync"/>.</summary>
public class FetchImportOptions
{
    /// <summary>
    /// When <see langword="true"/>, importing to an existing course id creates a new version;
    /// when <see langword="false"/> (default) the service answers 409.
    /// </summary>
    public bool MayCreateNewVersion { get; set; }

    /// <summary>An URL SCORM Cloud posts to when the import finishes (optional).</summary>
    public Uri? PostbackUrl { get; set; }
}
