using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>Every 5 minutes: repair registrations left pending and drop expired launch nonces.</summary>
public sealed class RegistrationSweepFunction(RegistrationSweeper sweeper)
{
    [Function(nameof(SweepRegistrations))]
    public async Task SweepRegistrations(
        [TimerTrigger("0 */5 * * * *")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        _ = timer;
        await sweeper.SweepAsync(cancellationToken);
    }
}
