using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Events;

/// <summary>
/// The read side of the outbox, host-neutral: each <see cref="DispatchOnceAsync"/> takes the due markers
/// (<see cref="OutboxPendingEntity"/>), leases each with its ETag (one dispatcher per registration at a time, across
/// instances), delivers that registration's event rows oldest first to every subscriber, records per subscriber what
/// was delivered (a retry never resends to a subscriber that has it) and deletes each row once all have it.
/// A failing subscriber holds back that registration's later events for itself only; it is retried with exponential
/// backoff and jitter, for ever (never dropped), and reported after <see cref="EventOptions.FailingAfterAttempts"/>.
/// The marker is deleted only when nothing is left and the event it announced is written (or its write was abandoned),
/// and only if no writer touched it meanwhile (ETag) — otherwise the dispatcher looks again.
/// </summary>
public class OutboxDispatcher(
    TableProvider tables,
    EventSubscribers subscribers,
    IOptions<EventOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private readonly string owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>One pass over the due registrations; <see cref="DispatchPass.More"/> when more may be due right away.</summary>
    public virtual async Task<DispatchPass> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        if (subscribers.All.Count == 0) return new DispatchPass(0, 0, false);
        var o = options.Value;
        var pending = await tables.GetTableAsync(OutboxPendingEntity.TableName, cancellationToken);
        var now = time.GetUtcNow();
        var due = new List<OutboxPendingEntity>();
        await foreach (var marker in pending.QueryAsync<OutboxPendingEntity>(
            TableClient.CreateQueryFilter($"DueAt le {now}"), maxPerPage: o.MaxRegistrationsPerPass, cancellationToken: cancellationToken))
        {
            if (marker.IsLeased(now)) continue;
            due.Add(marker);
            if (due.Count == o.MaxRegistrationsPerPass) break;
        }
        var delivered = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = cancellationToken },
            async (marker, ct) =>
            {
                try
                {
                    Interlocked.Add(ref delivered, await DispatchRegistrationAsync(pending, marker, ct));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage trouble for one registration: its lease runs out and the next pass tries again.
                    logger.LogWarning(ex, "Dispatching events of {RegistrationId} failed; will retry", marker.PartitionKey);
                }
            });
        return new DispatchPass(due.Count, delivered, due.Count == o.MaxRegistrationsPerPass);
    }

    private async Task<int> DispatchRegistrationAsync(TableClient pending, OutboxPendingEntity marker, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var deadline = now + o.LeaseDuration / 2;
        marker.LeasedUntil = now + o.LeaseDuration;
        marker.LeaseOwner = owner;
        try
        {
            marker = await pending.ReplaceAsync(marker, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return 0; // another dispatcher took it, or a writer just touched it (still due: the next pass sees it)
        }

        var registrations = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var delivered = 0;
        for (var round = 1; ; round++)
        {
            // The record first, then the event rows: an event the record counts is then certainly among the rows read.
            var registration = await registrations.GetOrDefaultAsync<RegistrationEntity>(marker.PartitionKey, RegistrationEntity.Row, cancellationToken);
            var events = new List<OutboxEventEntity>();
            await foreach (var row in registrations.QueryAsync<OutboxEventEntity>(OutboxEventEntity.PartitionFilter(marker.PartitionKey), cancellationToken: cancellationToken))
            {
                events.Add(row);
            }
            var progress = await DeliverAsync(registrations, events, deadline, cancellationToken);
            delivered += progress.Delivered;
            if (progress.LeaseLost) return delivered;

            now = time.GetUtcNow();
            var written = marker.IsFulfilledBy(registration?.CreatedAt.UtcTicks, registration?.EventSequence ?? 0);
            try
            {
                if (progress.Remaining == 0 && (written || now - marker.MarkedAt > o.AbandonedMarkerAfter))
                {
                    if (!written)
                    {
                        // Its writer lost an ETag race and then had nothing to write, or stopped before its transaction.
                        logger.LogInformation("Outbox marker of {RegistrationId} announced event {Sequence}, which was never written; removed",
                            marker.PartitionKey, marker.MarkedSequence);
                    }
                    await pending.DeleteIfMatchAsync(marker, cancellationToken);
                    return delivered;
                }
                // Events held back by a failing subscriber, or an announced event not written yet: look again then.
                marker.DueAt = progress.Remaining > 0 ? progress.NextDueAt : now + o.PollInterval;
                marker.LeasedUntil = null;
                marker.LeaseOwner = null;
                await pending.ReplaceAsync(marker, cancellationToken);
                return delivered;
            }
            catch (ConcurrencyConflictException) when (round < 10)
            {
                // A writer announced another event meanwhile (the lease fields are ours alone): read the marker, go again.
                var current = await pending.GetOrDefaultAsync<OutboxPendingEntity>(marker.PartitionKey, OutboxPendingEntity.Row, cancellationToken);
                if (current is null || current.LeaseOwner != owner) return delivered;
                marker = current;
            }
        }
    }

    /// <summary>Delivers <paramref name="events"/> (oldest first) until <paramref name="deadline"/>; a subscriber that fails or is backing off gets none of the later ones.</summary>
    private async Task<Progress> DeliverAsync(TableClient registrations, List<OutboxEventEntity> events, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var heldBack = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal); // subscriber → its next attempt
        int delivered = 0, remaining = 0;
        var stoppedAt = (DateTimeOffset?)null;
        foreach (var outboxEvent in events)
        {
            var now = time.GetUtcNow();
            if (now > deadline)
            {
                stoppedAt ??= now;
                remaining++;
                continue;
            }
            var state = outboxEvent.ReadDeliveries();
            var targets = new List<IEventSubscriber>();
            foreach (var subscriber in subscribers.All)
            {
                var delivery = state.GetValueOrDefault(subscriber.Name);
                if (delivery?.DeliveredAt is not null || heldBack.ContainsKey(subscriber.Name)) continue;
                if (delivery?.NextAttemptAt is { } next && next > now) heldBack[subscriber.Name] = next;
                else targets.Add(subscriber);
            }
            var results = await Task.WhenAll(targets.Select(s => s.DeliverAsync(outboxEvent, cancellationToken)));
            for (var i = 0; i < targets.Count; i++)
            {
                var name = targets[i].Name;
                var before = state.GetValueOrDefault(name) ?? new SubscriberDelivery();
                state[name] = Record(outboxEvent, name, before, results[i]);
                if (results[i].Delivered) delivered++;
                else heldBack[name] = state[name].NextAttemptAt!.Value;
            }
            try
            {
                if (subscribers.All.All(s => state.GetValueOrDefault(s.Name)?.DeliveredAt is not null))
                {
                    await registrations.DeleteIfMatchAsync(outboxEvent, cancellationToken);
                    continue;
                }
                remaining++;
                if (targets.Count > 0)
                {
                    outboxEvent.WriteDeliveries(state);
                    await registrations.ReplaceAsync(outboxEvent, cancellationToken);
                }
            }
            catch (ConcurrencyConflictException)
            {
                // Our lease ran out and another dispatcher is on this registration: leave it to them.
                logger.LogWarning("Lost the outbox lease of {RegistrationId} while delivering; another dispatcher continues", outboxEvent.PartitionKey);
                return new Progress(delivered, remaining, time.GetUtcNow(), LeaseLost: true);
            }
        }
        var nextDue = stoppedAt ?? (heldBack.Count > 0 ? heldBack.Values.Min() : time.GetUtcNow());
        return new Progress(delivered, remaining, nextDue, LeaseLost: false);
    }

    private SubscriberDelivery Record(OutboxEventEntity outboxEvent, string subscriber, SubscriberDelivery before, DeliveryResult result)
    {
        var tag = new KeyValuePair<string, object?>(EventTelemetry.SubscriberTag, subscriber);
        var now = time.GetUtcNow();
        if (result.Delivered)
        {
            EventTelemetry.Delivered.Add(1, tag);
            logger.LogInformation("Event {Sequence} of {RegistrationId} ({EventId}) delivered to {Subscriber} ({Outcome})",
                outboxEvent.Sequence, outboxEvent.PartitionKey, outboxEvent.EventId, subscriber, result.Outcome);
            return before with { DeliveredAt = now, Attempts = before.Attempts + 1, NextAttemptAt = null };
        }
        var attempts = before.Attempts + 1;
        var next = now + Backoff(attempts);
        EventTelemetry.DeliveryFailures.Add(1, tag, new KeyValuePair<string, object?>("status", result.Outcome));
        if (attempts == options.Value.FailingAfterAttempts)
        {
            EventTelemetry.Failing.Add(1, tag);
            logger.LogWarning(
                "Event {Sequence} of {RegistrationId} ({EventId}) still not delivered to {Subscriber} after {Attempts} attempts ({Outcome}); kept, retried at most every {MaxDelay}, later events of this registration held back for it",
                outboxEvent.Sequence, outboxEvent.PartitionKey, outboxEvent.EventId, subscriber, attempts, result.Outcome, options.Value.RetryMaxDelay);
        }
        else
        {
            logger.LogInformation("Event {Sequence} of {RegistrationId} not delivered to {Subscriber} ({Outcome}, attempt {Attempts}); next at {Next:O}",
                outboxEvent.Sequence, outboxEvent.PartitionKey, subscriber, result.Outcome, attempts, next);
        }
        return before with { Attempts = attempts, NextAttemptAt = next, LastError = result.Outcome };
    }

    /// <summary>Exponential (base × 2^(n−1), capped), with "equal jitter": a random point in the upper half, so retries of many registrations spread out.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var exponential = o.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = exponential > o.RetryMaxDelay ? o.RetryMaxDelay : exponential;
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }

    private sealed record Progress(int Delivered, int Remaining, DateTimeOffset NextDueAt, bool LeaseLost);
}

/// <summary>What one pass did: registrations taken on, events delivered (per subscriber), and whether more may be due now.</summary>
public sealed record DispatchPass(int Registrations, int Delivered, bool More);
