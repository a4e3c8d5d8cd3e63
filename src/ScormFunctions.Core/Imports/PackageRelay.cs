using System.IO.Pipelines;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// Streams a blob into a consumer (SCORM Cloud's upload) with constant memory: one streaming GET whose body is pumped
/// through a bounded pipe (at most <see cref="PauseBytes"/> in flight, never the whole package; no MemoryStream) so
/// the download and the upload overlap instead of taking turns. Used by the relay mode and the benchmark.
/// </summary>
public static class PackageRelay
{
    /// <summary>The most bytes buffered between the download and the upload.</summary>
    public const int PauseBytes = 8 * 1024 * 1024;

    public static Task<T> RelayAsync<T>(
        BlobClient blob, Func<Stream, long, CancellationToken, Task<T>> consume, CancellationToken cancellationToken) =>
        RelayAsync(blob, ifMatch: null, consume, cancellationToken);

    /// <summary>
    /// As above, reading only the version <paramref name="ifMatch"/> names (when given): a blob overwritten since fails
    /// with a 412 <see cref="Azure.RequestFailedException"/> before <paramref name="consume"/> sees a byte.
    /// </summary>
    public static async Task<T> RelayAsync<T>(
        BlobClient blob, Azure.ETag? ifMatch, Func<Stream, long, CancellationToken, Task<T>> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(consume);
        var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions
        {
            Conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : null,
        }, cancellationToken);
        using var response = download.Value;
        await using var content = response.Content;

        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: PauseBytes, resumeWriterThreshold: PauseBytes / 2, minimumSegmentSize: 256 * 1024, useSynchronizationContext: false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fill = Task.Run(async () =>
        {
            try
            {
                await content.CopyToAsync(pipe.Writer, stop.Token);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception ex)
            {
                await pipe.Writer.CompleteAsync(ex);
            }
        }, CancellationToken.None);

        var reader = pipe.Reader.AsStream();
        try
        {
            return await consume(reader, response.Details.ContentLength, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await reader.DisposeAsync();
            await fill;
        }
    }
}
