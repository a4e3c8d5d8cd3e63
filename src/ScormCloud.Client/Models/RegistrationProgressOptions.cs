namespace ScormCloud.Client.Models;

/// <summary>What <see cref="ScormCloudClient.GetRegistrationProgressAsync"/> includes; all default to <see langword="false"/>.</summary>
public class RegistrationProgressOptions
{
    /// <summary>Include child activity results (<c>includeChildResults</c>).</summary>
    public bool IncludeChildResults { get; set; }

    /// <summary>Include runtime (CMI) data (<c>includeRuntime</c>).</summary>
    public bool IncludeRuntime { get; set; }

    /// <summary>Include interactions and objectives (<c>includeInteractionsAndObjectives</c>).</summary>
    public bool IncludeInteractionsAndObjectives { get; set; }
}
