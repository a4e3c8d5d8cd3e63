namespace ScormCloud.Client.Models;

/// <summary>Sort order of <c>GET /registrations</c> (<c>orderBy</c>). The service's default is <c>created_desc</c>.</summary>
public enum RegistrationOrderBy
{
    /// <summary>Not sent: the service sorts newest created first (<c>created_desc</c>).</summary>
    Default = 0,

    /// <summary><c>created_asc</c>.</summary>
    CreatedAsc,

    /// <summary><c>created_desc</c>.</summary>
    CreatedDesc,

    /// <summary><c>updated_asc</c>: oldest change first, the order a "changed since" sweep wants.</summary>
    UpdatedAsc,

    /// <summary><c>updated_desc</c>.</summary>
    UpdatedDesc,
}
