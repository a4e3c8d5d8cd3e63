namespace ScormFunctions.Core.Events;

/// <summary>
/// Wakes an in-process dispatcher loop right after an event is written, so delivery does not wait for the next poll.
/// Only a hint: the marker row is what guarantees the event is found.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>True when notified within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
