using Microsoft.Extensions.Options;

namespace ScormCloud.Emulator.Postbacks;

/// <summary>
/// Delivers queued postbacks one at a time (so they leave in order unless retried). A failure (non-2xx/3xx, error,
/// timeout) is retried after InitialDelay × 2^(attempt−1), capped at MaxDelay, up to MaxAttempts, without blocking
/// the postbacks behind it.
/// </summary>
public sealed class PostbackService(
    PostbackQueue queue,
    PostbackSender sender,
    IOptions<EmulatorOptions> options,
    TimeProvider time,
    ILogger<PostbackService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (await TryDeliverAsync(work, stoppingToken)) continue;
            ScheduleRetry(work, stoppingToken);
        }
    }

    private async Task<bool> TryDeliverAsync(PostbackWork work, CancellationToken stoppingToken)
    {
        var dropRate = options.Value.Postbacks.DropRate;
        if (dropRate > 0 && Random.Shared.NextDouble() < dropRate)
        {
            logger.LogWarning("Postback for {RegistrationId} to {Url} dropped on purpose (DropRate {DropRate}, attempt {Attempt})",
                work.RegistrationId, work.Target.Url, dropRate, work.Attempt);
            return false;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Postbacks.Timeout);
        try
        {
            var delivered = await sender.SendAsync(work, timeout.Token);
            if (delivered)
            {
                logger.LogInformation("Postback for {RegistrationId} delivered to {Url} (attempt {Attempt})",
                    work.RegistrationId, work.Target.Url, work.Attempt);
            }
            else
            {
                logger.LogWarning("Postback for {RegistrationId} to {Url} rejected (attempt {Attempt})",
                    work.RegistrationId, work.Target.Url, work.Attempt);
            }
            return delivered;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Postback for {RegistrationId} to {Url} failed (attempt {Attempt}): {Error}",
                work.RegistrationId, work.Target.Url, work.Attempt, e.Message);
            return false;
        }
    }

    private void ScheduleRetry(PostbackWork work, CancellationToken stoppingToken)
    {
        var o = options.Value.Postbacks;
        if (work.Attempt >= o.MaxAttempts)
        {
            logger.LogError("Postback for {RegistrationId} dropped after {Attempts} attempts", work.RegistrationId, work.Attempt);
            return;
        }
        var delay = TimeSpan.FromTicks((long)Math.Min(o.MaxDelay.Ticks, o.InitialDelay.Ticks * Math.Pow(2, work.Attempt - 1)));
        _ = RetryLaterAsync(work with { Attempt = work.Attempt + 1 }, delay, stoppingToken);
    }

    private async Task RetryLaterAsync(PostbackWork work, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            queue.Retry(work);
        }
        catch (OperationCanceledException)
        {
            // shutting down: in-memory queue is lost, as all state
        }
    }
}
