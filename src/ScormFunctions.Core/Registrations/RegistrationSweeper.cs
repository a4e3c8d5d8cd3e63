using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Repairs registrations left pending by a crash or a lost SCORM Cloud answer: each pending record older than
/// <see cref="RegistrationOptions.PendingRepairAfter"/> is reconciled through <c>RegistrationProvisioner.CompleteAsync</c>
/// (exists in SCORM Cloud → confirm and activate; missing → create; refused → remove ours). Also drops used launch
/// nonces whose URLs have expired. Run by a timer trigger (Functions) or a background service (local host).
/// </summary>
public class RegistrationSweeper(
    RegistrationRepository registrations,
    RegistrationProvisioner provisioner,
    LaunchNonceStore nonces,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<RegistrationSweeper> logger)
{
    /// <summary>One sweep with the configured age threshold.</summary>
    public virtual Task<SweepResult> SweepAsync(CancellationToken cancellationToken) =>
        SweepAsync(options.Value.PendingRepairAfter, cancellationToken);

    /// <summary>One sweep: reconciles pending records not touched for <paramref name="minimumAge"/>.</summary>
    public virtual async Task<SweepResult> SweepAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        using var span = ScormTelemetry.Source.StartActivity("registrations.sweep");
        var examined = 0;
        var seen = 0;
        var counts = new Dictionary<ProvisionStatus, int>();
        // Every pending record is listed (the scan costs the same) so the pending level is measured too; only the
        // overdue ones are repaired.
        var now = time.GetUtcNow();
        await foreach (var pending in registrations.ListPendingAsync(now, cancellationToken))
        {
            seen++;
            if (pending.UpdatedAt >= now - minimumAge) continue;
            examined++;
            ScormTelemetry.RegistrationsPendingOverdue.Add(1);
            using var scope = logger.BeginScope(LogScopes.Registration(pending.PartitionKey));
            var repaired = "error";
            try
            {
                var outcome = await provisioner.CompleteAsync(pending, cancellationToken);
                repaired = outcome.Status.ToString().ToLowerInvariant();
                counts[outcome.Status] = counts.GetValueOrDefault(outcome.Status) + 1;
                logger.LogInformation("Sweep: pending registration {RegistrationId} (course {CourseId}) → {Status}",
                    pending.PartitionKey, pending.CourseId, outcome.Status);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sweep: repairing registration {RegistrationId} failed", pending.PartitionKey);
            }
            ScormTelemetry.RegistrationsRepaired.Add(1, new KeyValuePair<string, object?>(ScormTags.Status, repaired));
        }
        ScormTelemetry.RegistrationsPending.Record(seen);
        span?.SetTag("scorm.sweep.pending", seen);
        span?.SetTag("scorm.sweep.examined", examined);
        var nonceCount = await nonces.DeleteExpiredAsync(cancellationToken);
        if (examined > 0 || nonceCount > 0)
        {
            logger.LogInformation("Sweep: {Examined} pending registrations examined, {Nonces} expired launch nonces removed", examined, nonceCount);
        }
        return new SweepResult(examined,
            counts.GetValueOrDefault(ProvisionStatus.Existing) + counts.GetValueOrDefault(ProvisionStatus.Created),
            counts.GetValueOrDefault(ProvisionStatus.Refused) + counts.GetValueOrDefault(ProvisionStatus.Conflict),
            counts.GetValueOrDefault(ProvisionStatus.Unavailable));
    }
}

/// <summary>Pending records examined, activated, removed or failed, and still pending after one sweep.</summary>
public sealed record SweepResult(int Examined, int Activated, int RemovedOrFailed, int StillPending);
