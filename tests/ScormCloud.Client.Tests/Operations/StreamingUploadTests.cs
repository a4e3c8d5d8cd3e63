using System.Net;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

/// <summary>
/// Measures process-wide allocation, so it runs alone (<see cref="SerialCollection"/>), after the parallel tests.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class StreamingUploadTests : IDisposable
{
    private const long PayloadBytes = 256L * 1024 * 1024;
    private readonly ClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task LargeNonSeekableUploadIsStreamedWithoutBuffering()
    {
        var counted = 0L;
        _harness.Handler.CaptureBodies = false;
        _harness.Handler.Fallback = async (request, ct) =>
        {
            var sink = new CountingStream();
            await request.Content!.CopyToAsync(sink, ct);
            counted = sink.Count;
            return FakeHttpHandler.Respond(HttpStatusCode.OK, """{"result":"big-job"}""");
        };
        var client = _harness.Client;
        await using var package = new GeneratedStream(PayloadBytes);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;

        var jobId = await client.CreateUploadImportJobAsync("big", package, cancellationToken: TestContext.Current.CancellationToken);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapGrowth = GC.GetGCMemoryInfo().HeapSizeBytes - heapBefore;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"streamed {counted:N0} bytes; allocated {allocated:N0} bytes; heap growth {heapGrowth:N0} bytes");
        Assert.Equal("big-job", jobId);
        Assert.True(counted > PayloadBytes, $"the handler saw {counted} bytes");
        Assert.True(counted < PayloadBytes + 1024, $"the multipart envelope is larger than expected: {counted - PayloadBytes} bytes");
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes while streaming {PayloadBytes:N0}");
        Assert.True(heapGrowth < 64 * 1024 * 1024, $"heap grew by {heapGrowth:N0} bytes");
        Assert.False(package.Disposed, "the caller owns the package stream");
    }
}
