namespace ScormCloud.Client.Models;

/// <summary>Filters for <c>GET /registrations</c>; unset values are not sent.</summary>
public class RegistrationQuery
{
    /// <summary>Only registrations of this course.</summary>
    public string? CourseId { get; set; }

    /// <summary>Only registrations of this learner.</summary>
    public string? LearnerId { get; set; }

    /// <summary>Only registrations whose <see cref="DateTimeFilter"/> field is at or after this time (inclusive).</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Only registrations whose <see cref="DateTimeFilter"/> field is at or before this time (inclusive).</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>
    /// The field <see cref="Since"/>/<see cref="Until"/> apply to. Not set, the service uses the creation time: a
    /// "changed since" query must say <see cref="RegistrationDateTimeFilter.Updated"/>.
    /// </summary>
    public RegistrationDateTimeFilter DateTimeFilter { get; set; }

    /// <summary>The sort order; not set, the service sorts newest created first.</summary>
    public RegistrationOrderBy OrderBy { get; set; }

    /// <summary>
    /// The continuation token from a previous <see cref="RegistrationPage.More"/>. When set, it is sent alone: the service
    /// keeps the original request's filters and accepts no others with it.
    /// </summary>
    public string? More { get; set; }

    /// <summary>Include child activity results.</summary>
    public bool IncludeChildResults { get; set; }

    /// <summary>Include runtime (CMI) data.</summary>
    public bool IncludeRuntime { get; set; }

    /// <summary>Include interactions and objectives.</summary>
    public bool IncludeInteractionsAndObjectives { get; set; }
}
