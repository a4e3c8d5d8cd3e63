using Microsoft.Extensions.Options;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// At most <see cref="RegistrationOptions.MaxConcurrentLargePostbacks"/> large postback bodies are read at once (per
/// host instance); a request that finds no free slot within a moment is answered 503 and retried by SCORM Cloud.
/// </summary>
public sealed class PostbackBodyGate(IOptions<RegistrationOptions> options) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentLargePostbacks, options.Value.MaxConcurrentLargePostbacks);

    public int Limit => options.Value.MaxConcurrentLargePostbacks;

    /// <summary>A slot to dispose when the body has been read and handled, or null when none became free.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken) =>
        await slots.WaitAsync(Wait, cancellationToken) ? new Slot(slots) : null;

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) slots.Release();
        }
    }
}
