using System.Collections.Concurrent;
using ScormCloud.Emulator.Courses;
using ScormCloud.Emulator.Imports;
using ScormCloud.Emulator.Player;
using ScormCloud.Emulator.Registrations;

namespace ScormCloud.Emulator.Store;

/// <summary>All emulator state, in memory: lost on restart by design.</summary>
public sealed class EmulatorStore
{
    private long sequence;

    public ConcurrentDictionary<string, CourseRecord> Courses { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, RegistrationRecord> Registrations { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ImportJob> ImportJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Launch links by token (single use).</summary>
    public ConcurrentDictionary<string, LaunchRecord> Launches { get; } = new(StringComparer.Ordinal);

    /// <summary>Player sessions by session token (the token in the commit URL).</summary>
    public ConcurrentDictionary<string, PlayerSession> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Learner data deletion requests (LearnerApi.DeleteAllLearnerData), oldest first.</summary>
    public ConcurrentQueue<Learners.LearnerDataDeletion> LearnerDataDeletions { get; } = new();

    /// <summary>Monotonic insertion order, used for stable list paging.</summary>
    public long NextSequence() => Interlocked.Increment(ref sequence);

    public int RegistrationCount(string courseId) => Registrations.Values.Count(r => r.CourseId == courseId);
}
