namespace ScormCloud.Emulator.Player;

/// <summary>A launch link: valid until <see cref="ExpiresAt"/> and for one use only.</summary>
public sealed class LaunchRecord(string token, string registrationId, DateTimeOffset expiresAt, string? redirectOnExitUrl, bool tracking)
{
    private int used;

    public string Token { get; } = token;

    public string RegistrationId { get; } = registrationId;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public string? RedirectOnExitUrl { get; } = redirectOnExitUrl;

    public bool Tracking { get; } = tracking;

    /// <summary>Marks the link used; false when it already was.</summary>
    public bool TryUse() => Interlocked.Exchange(ref used, 1) == 0;
}

/// <summary>One opened launch of one registration instance: the player page and the commit URL it posts to.</summary>
public sealed record PlayerSession(string Token, string RegistrationId, int Instance, int CourseVersion, string? RedirectOnExitUrl, bool Tracking);
