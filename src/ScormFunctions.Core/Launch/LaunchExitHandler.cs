using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Launch;

/// <summary>Where SCORM Cloud's player sends the learner back: a best-effort refresh of the results, then the app.</summary>
public sealed class LaunchExitHandler(
    RegistrationRepository registrations,
    RegistrationRefresher refresher,
    RecentExitRefreshes recentExits,
    IOptions<AppOptions> app,
    IOptions<RegistrationOptions> options,
    ILogger<LaunchExitHandler> logger)
{
    /// <summary>
    /// GET /api/registrations/{registrationId}/exit — anonymous; refreshes results within a short timeout (best effort;
    /// postbacks do the real work), then 302 to <see cref="AppOptions.EffectiveReturnUrl"/>.
    /// </summary>
    public async Task<IResult> ExitAsync(string registrationId, CancellationToken cancellationToken)
    {
        if (ResourceId.IsValid(registrationId))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.ExitRefreshTimeout);
            try
            {
                var registration = await registrations.GetAsync(registrationId, timeout.Token);
                if (registration is { State: RegistrationState.Active } && !recentExits.TryBegin(registrationId))
                {
                    // Anonymous: repeated exits must not drive SCORM Cloud traffic; the postback brings the results anyway.
                    logger.LogInformation("Exit of {RegistrationId}: refresh skipped (refreshed moments ago)", registrationId);
                }
                else if (registration is { State: RegistrationState.Active })
                {
                    var outcome = await refresher.RefreshAsync(registrationId, timeout.Token);
                    logger.LogInformation("Exit of {RegistrationId}: refresh {Outcome}", registrationId, outcome);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ScormCloudException or Azure.RequestFailedException)
            {
                logger.LogInformation("Exit of {RegistrationId}: refresh skipped ({Reason})", registrationId, ex.GetType().Name);
            }
        }
        return LaunchPage.Redirect(app.Value.EffectiveReturnUrl);
    }
}
