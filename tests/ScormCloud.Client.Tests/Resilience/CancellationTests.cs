using System.Net;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Resilience;

public sealed class CancellationTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task AlreadyCancelledTokenSendsNothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Client.GetCourseAsync("c1", cts.Token));

        Assert.Empty(_harness.Handler.Requests);
    }

    [Fact]
    public async Task CancellationReachesTheInFlightRequest()
    {
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _harness.Handler.Fallback = async (_, ct) =>
        {
            handlerStarted.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                handlerCancelled.TrySetResult();
                throw;
            }
            return FakeHttpHandler.Respond(HttpStatusCode.OK);
        };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var ping = _harness.Client.PingAsync(cts.Token);
        await handlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ping);
        await handlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task CancellationDuringRetryDelayStopsRetrying()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _harness.Handler.Fallback = (_, _) =>
        {
            // Cancel once the first attempt has been answered, i.e. during the 30 s retry delay (not on a clock that a
            // loaded machine may run out before the first request is even sent).
            cts.CancelAfter(TimeSpan.FromMilliseconds(100));
            var response = FakeHttpHandler.Respond(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new(TimeSpan.FromSeconds(30));
            return Task.FromResult(response);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Client.GetCourseAsync("c1", cts.Token));

        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task CancellingAnUploadStopsReadingThePackage()
    {
        _harness.Handler.CaptureBodies = false;
        _harness.Handler.Fallback = async (request, ct) =>
        {
            await request.Content!.CopyToAsync(new CountingStream(), ct);
            return FakeHttpHandler.Respond(HttpStatusCode.OK, """{"result":"j"}""");
        };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await cts.CancelAsync();
        using var package = new GeneratedStream(1L << 30);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _harness.Client.CreateUploadImportJobAsync("c1", package, cancellationToken: cts.Token));
    }
}
