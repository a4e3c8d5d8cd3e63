using Microsoft.Extensions.Options;

namespace ScormCloud.Emulator.Faults;

/// <summary>The fault settings in force; starts from configuration and can be replaced at run time.</summary>
public sealed class FaultState(IOptions<EmulatorOptions> options)
{
    private volatile FaultOptions current = Copy(options.Value.Faults);

    public FaultOptions Current => current;

    public void Set(FaultOptions value) => current = Copy(value);

    private static FaultOptions Copy(FaultOptions o) => new()
    {
        ErrorRate = Math.Clamp(o.ErrorRate, 0, 1),
        Latency = o.Latency < TimeSpan.Zero ? TimeSpan.Zero : o.Latency,
        TooManyRequestsRate = Math.Clamp(o.TooManyRequestsRate, 0, 1),
        RetryAfterSeconds = Math.Max(0, o.RetryAfterSeconds),
    };
}
