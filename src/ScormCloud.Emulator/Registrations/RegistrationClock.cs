namespace ScormCloud.Emulator.Registrations;

/// <summary>
/// Registration times at the wire's precision (whole milliseconds), so a <c>since</c>/<c>until</c> filter built from a
/// value the API returned matches exactly; <c>updated</c> increases strictly (by at least 1 ms) so receivers can order postbacks.
/// </summary>
public static class RegistrationClock
{
    public static DateTimeOffset Truncate(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, time.Offset);

    public static DateTimeOffset Next(DateTimeOffset previous, DateTimeOffset now)
    {
        var floor = previous.AddMilliseconds(1);
        now = Truncate(now);
        return now >= floor ? now : floor;
    }
}
