using Azure.Storage.Blobs;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// Streams a blob into a consumer (SCORM Cloud's upload) with constant memory: one streaming GET whose body is read
/// as the upload is written, never buffered whole (no MemoryStream). Used by the relay mode and the benchmark.
/// </summary>
public static class PackageRelay
{
    public static async Task<T> RelayAsync<T>(
        BlobClient blob, Func<Stream, long, CancellationToken, Task<T>> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(consume);
        var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        using var response = download.Value;
        await using var content = response.Content;
        return await consume(content, response.Details.ContentLength, cancellationToken);
    }
}
