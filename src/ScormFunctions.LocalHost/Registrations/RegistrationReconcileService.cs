using Microsoft.Extensions.Options;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.LocalHost.Registrations;

/// <summary>
/// Runs the <see cref="RegistrationReconciler"/> at start-up and then every <c>Registrations:ReconcileInterval</c>
/// (the Functions app uses a timer trigger). A failed run is logged; the next one resumes from the stored watermark.
/// </summary>
public sealed class RegistrationReconcileService(
    IServiceScopeFactory scopes, IOptions<RegistrationOptions> options, TimeProvider time, ILogger<RegistrationReconcileService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<RegistrationReconciler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Registration reconciliation failed; next try in {Interval}", options.Value.ReconcileInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
