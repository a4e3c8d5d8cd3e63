namespace ScormFunctions.Core.Identity;

/// <summary>An authenticated caller: <see cref="Subject"/> is the learner id for learners.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, bool IsAdmin)
{
    /// <summary>Admins see everything; anyone else only records whose learner id is their subject.</summary>
    public bool CanAccessLearner(string learnerId) => IsAdmin || string.Equals(Subject, learnerId, StringComparison.Ordinal);
}
