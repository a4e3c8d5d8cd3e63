using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>
/// Every 5 minutes: repair registrations left pending, drop expired launch nonces, and measure the imports still running
/// (a timer runs on one instance, so each measurement is taken once).
/// </summary>
public sealed class RegistrationSweepFunction(RegistrationSweeper sweeper, RunningImportsProbe runningImports)
{
    [Function(nameof(SweepRegistrations))]
    public async Task SweepRegistrations(
        [TimerTrigger("0 */5 * * * *")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        _ = timer;
        await sweeper.SweepAsync(cancellationToken);
        await runningImports.MeasureAsync(cancellationToken);
    }
}
