namespace ScormCloud.Client.Models;

/// <summary>Filters for <c>GET /registrations/{id}/instances</c>; unset values are not sent.</summary>
public class RegistrationInstanceQuery
{
    /// <summary>Only instances changed at or after this time (inclusive; <c>since</c>).</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Only instances changed at or before this time (inclusive; <c>until</c>).</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>
    /// The continuation token from a previous <see cref="RegistrationPage.More"/>. When set, it is sent alone, as for
    /// <c>GET /registrations</c>: the token keeps the first request's filters.
    /// </summary>
    public string? More { get; set; }

    /// <summary>Include child activity results.</summary>
    public bool IncludeChildResults { get; set; }

    /// <summary>Include runtime (CMI) data.</summary>
    public bool IncludeRuntime { get; set; }

    /// <summary>Include interactions and objectives.</summary>
    public bool IncludeInteractionsAndObjectives { get; set; }
}
