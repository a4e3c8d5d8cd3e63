using System.Net;

namespace ScormCloud.Client.Http;

/// <summary>
/// Streams a caller-owned package into the request without buffering it and without disposing it
/// (unlike <see cref="StreamContent"/>, which disposes the stream with the request).
/// </summary>
internal sealed class PackageContent : HttpContent
{
    private const int BufferSize = 81920;
    private readonly Stream _package;
    private readonly long? _length;

    public PackageContent(Stream package, long? length)
    {
        _package = package;
        _length = length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _package.CopyToAsync(stream, BufferSize, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length.HasValue;
    }
}
