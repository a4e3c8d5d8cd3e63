using Microsoft.AspNetCore.Http.HttpResults;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Launch;

/// <summary>
/// Before a launch, a registration still pending (a crash between our record and SCORM Cloud's) is completed through
/// <see cref="RegistrationProvisioner"/>, so the learner is not stuck on an assignment that half happened.
/// </summary>
public sealed class RegistrationRepair(RegistrationProvisioner provisioner)
{
    /// <summary>Null when the registration is (now) active; otherwise the problem to return.</summary>
    public async Task<ProblemHttpResult?> RepairAsync(RegistrationEntity registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.State == RegistrationState.Deleted)
        {
            return Problems.NotFound($"Registration '{registration.PartitionKey}' does not exist.");
        }
        var outcome = await provisioner.CompleteAsync(registration, cancellationToken);
        return outcome.Status is ProvisionStatus.Created or ProvisionStatus.Existing ? null : RegistrationProblems.Provision(outcome);
    }
}
