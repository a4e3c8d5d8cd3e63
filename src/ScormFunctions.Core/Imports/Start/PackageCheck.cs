using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Scorm.Packaging;

namespace ScormFunctions.Core.Imports.Start;

/// <summary>
/// What is checked at import start, before SCORM Cloud is called: the upload exists, its size, and the package itself
/// (<see cref="PackageInspector"/> over range reads of the central directory and the manifest, under the ETag whose
/// size was checked). A rejection is the code and the author-facing message of the 422.
/// </summary>
public sealed class PackageCheck(UploadBlobs blobs, IOptions<ImportOptions> options)
{
    /// <summary>Only the central directory and the manifest are read, so a small read buffer keeps range reads cheap.</summary>
    private const int InspectionBufferBytes = 256 * 1024;

    /// <summary>The smallest zip: an empty archive's end-of-central-directory record.</summary>
    private const int MinZipBytes = 22;

    /// <summary>Size check and package inspection on a seekable blob stream (range reads; never the whole blob).</summary>
    public async Task<(string Code, string Message)?> CheckAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var blob = await blobs.GetAsync(import.BlobName, cancellationToken);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return ("UploadMissing", $"Nothing was uploaded for upload {import.RowKey}: PUT the package to the uploadUrl (before it expires), then start the import again.");
        }
        import.PackageBytes = properties.ContentLength;
        import.PackageETag = properties.ETag.ToString();
        var max = options.Value.MaxUploadBytes;
        if (properties.ContentLength > max)
        {
            return ("TooLarge", $"The package is {properties.ContentLength:N0} bytes; the largest package accepted is {max:N0} bytes.");
        }
        if (properties.ContentLength < MinZipBytes)
        {
            // Not even an end-of-central-directory record; range reads of such a blob fail before the inspector could say so.
            return ("NotAZip", $"The file is not a zip archive: it is only {properties.ContentLength} bytes long.");
        }
        PackageInspection inspection;
        try
        {
            // Read under the ETag whose size was checked: what is inspected is what PackageETag names.
            await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
            {
                BufferSize = InspectionBufferBytes,
                Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
            }, cancellationToken);
            inspection = await PackageInspector.InspectAsync(stream, PackageLimits.Default, cancellationToken);
        }
        catch (Exception ex) when (ex is EndOfStreamException || (ex is RequestFailedException { Status: 416 }))
        {
            // A zip whose directory points outside the file: reads beyond its end fail before the inspector decides.
            return ("NotAZip", "The file is not a valid zip archive: its central directory points outside the file.");
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // The blob was overwritten while we read it (the upload URL still allows writes): never a 500.
            return ("UploadChanged", "The package changed while it was being checked. Wait until the upload has finished, then start the import again.");
        }
        if (inspection.Error is { } error) return (error.Code.ToString(), error.Message);
        import.Title = inspection.Manifest!.Title;
        import.LearningStandard = inspection.Manifest.Standard.ToScormCloudName();
        import.ParserWarnings = inspection.Warnings.Count == 0 ? null : JsonSerializer.Serialize(inspection.Warnings);
        return null;
    }
}
