using ScormFunctions.Testing;

namespace Scorm.Packaging.Tests;

/// <summary>The backend inspects packages through a seekable blob stream: only the directory and manifest may be read.</summary>
public sealed class StreamReadingTests
{
    private const string Cmi5Package = "cmi5_catapult_multi_au_framed.zip";

    [Fact]
    public void Inspect_reads_far_less_than_the_whole_package()
    {
        using var stream = new CountingStream(File.OpenRead(RepoPaths.Package(Cmi5Package)));

        var inspection = PackageInspector.Inspect(stream);

        Assert.True(inspection.IsValid);
        Assert.True(stream.BytesRead < stream.Length / 10, $"Read {stream.BytesRead:N0} of {stream.Length:N0} bytes.");
    }

    [Fact]
    public async Task InspectAsync_reads_far_less_than_the_whole_package()
    {
        await using var stream = new CountingStream(File.OpenRead(RepoPaths.Package(Cmi5Package)));

        var inspection = await PackageInspector.InspectAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(inspection.IsValid);
        Assert.True(stream.BytesRead < stream.Length / 10, $"Read {stream.BytesRead:N0} of {stream.Length:N0} bytes.");
    }

    [Fact]
    public async Task The_caller_stream_is_left_open_at_its_original_position()
    {
        await using var stream = File.OpenRead(RepoPaths.Package("synthetic_scorm12_minimal_autopass.zip"));

        PackageInspector.Inspect(stream);
        Assert.Equal(0, stream.Position);
        await PackageInspector.InspectAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(stream.CanRead);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        await using var stream = File.OpenRead(RepoPaths.Package(Cmi5Package));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PackageInspector.InspectAsync(stream, cancellationToken: cancelled.Token));
    }
}
