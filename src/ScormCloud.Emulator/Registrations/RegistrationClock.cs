namespace ScormCloud.Emulator.Registrations;

/// <summary>Keeps <c>updated</c> strictly increasing (by at least 1 ms, the precision on the wire) so receivers can order postbacks.</summary>
public static class RegistrationClock
{
    public static DateTimeOffset Next(DateTimeOffset previous, DateTimeOffset now)
    {
        var floor = previous.AddMilliseconds(1);
        return now >= floor ? now : floor;
    }
}
