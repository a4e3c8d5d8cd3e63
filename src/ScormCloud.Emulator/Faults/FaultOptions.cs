namespace ScormCloud.Emulator.Faults;

/// <summary>Fault injection on <c>/api/v2</c> (off by default). Also the body of <c>POST /emulator/faults</c>.</summary>
public sealed class FaultOptions
{
    /// <value>Share of calls (0–1) answered 500 or 503 with a <c>{"message"}</c> body.</value>
    public double ErrorRate { get; set; }

    /// <value>Delay added before every call.</value>
    public TimeSpan Latency { get; set; }

    /// <value>Share of calls (0–1) answered 429 with <c>Retry-After</c>.</value>
    public double TooManyRequestsRate { get; set; }

    /// <value>The <c>Retry-After</c> value of a 429, in seconds. Default 1.</value>
    public int RetryAfterSeconds { get; set; } = 1;
}
