using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// When the anonymous exit endpoint last refreshed each registration (per host instance), so repeated exits within
/// <see cref="RegistrationOptions.ExitRefreshMinInterval"/> cause no SCORM Cloud traffic. Only ids of active
/// registrations are recorded, and entries older than the interval are pruned.
/// </summary>
public sealed class RecentExitRefreshes(IOptions<RegistrationOptions> options, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> refreshedAt = new(StringComparer.Ordinal);

    /// <summary>True (and recorded) when no exit refreshed this registration within the interval; false to skip.</summary>
    public bool TryBegin(string registrationId)
    {
        var now = time.GetUtcNow();
        var interval = options.Value.ExitRefreshMinInterval;
        if (refreshedAt.Count > PruneAbove)
        {
            foreach (var (id, at) in refreshedAt)
            {
                if (now - at >= interval) refreshedAt.TryRemove(id, out _);
            }
        }
        while (true)
        {
            if (!refreshedAt.TryGetValue(registrationId, out var last))
            {
                if (refreshedAt.TryAdd(registrationId, now)) return true;
                continue;
            }
            if (now - last < interval) return false;
            if (refreshedAt.TryUpdate(registrationId, now, last)) return true;
        }
    }
}
