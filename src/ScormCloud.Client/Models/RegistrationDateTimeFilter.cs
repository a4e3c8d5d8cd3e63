namespace ScormCloud.Client.Models;

/// <summary>
/// The field that <see cref="RegistrationQuery.Since"/> and <see cref="RegistrationQuery.Until"/> apply to
/// (<c>datetimeFilter</c> of <c>GET /registrations</c>). The service's default is <c>created</c>.
/// </summary>
public enum RegistrationDateTimeFilter
{
    /// <summary>Not sent: the service applies <c>since</c>/<c>until</c> to the creation time.</summary>
    Default = 0,

    /// <summary><c>created</c>: when the registration was created.</summary>
    Created,

    /// <summary><c>updated</c>: when the registration last changed (the spelling is not documented by Rustici; see the README).</summary>
    Updated,
}
