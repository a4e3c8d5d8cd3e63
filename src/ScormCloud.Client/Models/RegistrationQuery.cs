namespace ScormCloud.Client.Models;

/// <summary>Filters for <c>GET /registrations</c>; unset values are not sent.</summary>
public class RegistrationQuery
{
    /// <summary>Only registrations of this course.</summary>
    public string? CourseId { get; set; }

    /// <summary>Only registrations of this learner.</summary>
    public string? LearnerId { get; set; }

    /// <summary>Only registrations updated at or after this time.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Only registrations updated before this time.</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>The continuation token from a previous <see cref="RegistrationPage.More"/>.</summary>
    public string? More { get; set; }

    /// <summary>Include child activity results.</summary>
    public bool IncludeChildResults { get; set; }

    /// <summary>Include runtime (CMI) data.</summary>
    public bool IncludeRuntime { get; set; }

    /// <summary>Include interactions and objectives.</summary>
    public bool IncludeInteractionsAndObjectives { get; set; }
}
