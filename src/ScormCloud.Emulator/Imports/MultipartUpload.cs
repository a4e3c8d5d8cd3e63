using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ScormCloud.Emulator.Imports;

/// <summary>Streams the first file part of a multipart/form-data body to disk, never holding it in memory.</summary>
public static class MultipartUpload
{
    /// <summary>Returns false when the body is not multipart or has no file part.</summary>
    public static async Task<bool> SaveFirstFileAsync(HttpRequest request, string path, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return false;
        // 64 KiB instead of the 4 KiB default: boundary scanning dominated the cost of large uploads.
        var reader = new MultipartReader(boundary, request.Body, bufferSize: 64 * 1024);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition())
            {
                continue; // e.g. contentMetadata
            }
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await section.Body.CopyToAsync(file, 1024 * 1024, ct);
            return true;
        }
        return false;
    }
}
