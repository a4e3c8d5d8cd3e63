using Microsoft.Extensions.Options;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.LocalHost.Registrations;

/// <summary>
/// Runs <see cref="RegistrationSweeper"/> and then <see cref="RunningImportsProbe"/> every <c>Registrations:SweepInterval</c>
/// (the Functions app uses a timer trigger).
/// </summary>
public sealed class RegistrationSweepService(
    IServiceScopeFactory scopes, IOptions<RegistrationOptions> options, TimeProvider time, ILogger<RegistrationSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<RegistrationSweeper>().SweepAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<RunningImportsProbe>().MeasureAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Registration sweep failed; next try in {Interval}", options.Value.SweepInterval);
            }
        }
    }
}
