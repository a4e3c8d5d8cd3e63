using ScormCloud.Emulator.Courses;

namespace ScormCloud.Emulator.Imports;

/// <summary>An import job; RUNNING until its work is done and <see cref="ReadyAt"/> has passed.</summary>
public sealed class ImportJob(string id, string courseId, bool mayCreateNewVersion, string? postbackUrl, string origin, DateTimeOffset readyAt)
{
    public const string Running = "RUNNING";
    public const string Complete = "COMPLETE";
    public const string Error = "ERROR";

    public string Id { get; } = id;

    public string CourseId { get; } = courseId;

    public bool MayCreateNewVersion { get; } = mayCreateNewVersion;

    public string? PostbackUrl { get; } = postbackUrl;

    /// <summary>The emulator's scheme://host as the client called it (for <c>webPathToCourse</c>).</summary>
    public string Origin { get; } = origin;

    public DateTimeOffset ReadyAt { get; } = readyAt;

    private volatile string status = Running;

    /// <summary>Set last (after <see cref="Result"/> and <see cref="Message"/>), so a reader that sees it sees them.</summary>
    public string Status => status;

    public string? Message { get; private set; }

    public CourseVersion? Result { get; private set; }

    public void Succeed(CourseVersion version)
    {
        Result = version;
        Message = "Import complete.";
        status = Complete;
    }

    public void Fail(string message)
    {
        Message = message;
        status = Error;
    }
}
