namespace ScormCloud.Emulator.Postbacks;

/// <summary>Delivery of registration postbacks (settings under <c>Emulator:Postbacks</c>).</summary>
public sealed class PostbackOptions
{
    /// <value>Delay before the first retry; doubles per attempt. Default 1 s (as the real service's minimum).</value>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>Longest delay between attempts. Default 15 min (as the real service).</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <value>Attempts before a postback is dropped. Default 70 (as the real service).</value>
    public int MaxAttempts { get; set; } = 70;

    /// <value>Timeout of one delivery attempt. Default 10 s.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Deliver every postback twice, the second copy held back until the next newer one went out.</value>
    public bool DuplicateAndReorder { get; set; }

    /// <value>How long a held-back duplicate waits for a newer postback before it is sent anyway. Default 500 ms.</value>
    public TimeSpan HoldBack { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Share (0–1) of delivery attempts that fail on purpose without being sent, as if the receiver were down; they are
    /// retried like any failure. 1 loses every postback (after MaxAttempts), so tests can prove results arrive without them.
    /// </summary>
    public double DropRate { get; set; }
}
