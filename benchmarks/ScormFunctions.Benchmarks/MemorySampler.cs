using System.Diagnostics;

namespace ScormFunctions.Benchmarks;

/// <summary>Peak working set and GC heap growth over a baseline, sampled every 20 ms until stopped.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Process process = Process.GetCurrentProcess();
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private readonly long baseWs;
    private readonly long baseHeap;
    private long peakWs;
    private long peakHeap;

    private MemorySampler()
    {
        process.Refresh();
        baseWs = peakWs = process.WorkingSet64;
        baseHeap = peakHeap = GC.GetTotalMemory(false);
        sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakWs = Math.Max(peakWs, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    /// <summary>Collects garbage first, so the baseline holds only what is live.</summary>
    public static MemorySampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new MemorySampler();
    }

    /// <summary>Stops sampling; the peaks over the baseline.</summary>
    public async Task<(long WorkingSet, long Heap)> StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
        return (peakWs - baseWs, peakHeap - baseHeap);
    }

    public void Dispose()
    {
        stop.Dispose();
        process.Dispose();
    }
}
