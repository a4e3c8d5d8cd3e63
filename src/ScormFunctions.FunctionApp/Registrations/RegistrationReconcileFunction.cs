using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.FunctionApp.Registrations;

/// <summary>
/// Every minute: the reconciliation sweep, when <c>Registrations:ReconcileInterval</c> has passed since the last run
/// (the core keeps that time with the watermark in Table Storage, so the interval is a setting, not a schedule).
/// </summary>
public sealed class RegistrationReconcileFunction(RegistrationReconciler reconciler)
{
    [Function(nameof(ReconcileRegistrations))]
    public async Task ReconcileRegistrations(
        [TimerTrigger("0 */1 * * * *")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        _ = timer;
        await reconciler.RunIfDueAsync(cancellationToken);
    }
}
