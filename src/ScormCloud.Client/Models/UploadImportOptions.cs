namespace ScormCloud.Client.Models;

/// <summary>Optional settings for <see cref="ScormCloudClient.CreateUploadImportJobAsync"/>.</summary>
public class UploadImportOptions
{
    /// <summary>
    /// When <see langword="true"/>, uploading to an existing course id creates a new version;
    /// when <see langword="false"/> (default) the service answers 409.
    /// </summary>
    public bool MayCreateNewVersion { get; set; }

    /// <summary>An URL SCORM Cloud posts to when the import finishes (optional).</summary>
    public Uri? PostbackUrl { get; set; }

    /// <summary>The file name sent with the multipart part; defaults to <c>{courseId}.zip</c>.</summary>
    public string? FileName { get; set; }

    /// <summary>The package length in bytes, if known; sets the part's Content-Length.</summary>
    public long? ContentLength { get; set; }
}
