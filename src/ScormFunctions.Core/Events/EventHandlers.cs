using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Events;

/// <summary>GET /api/events/outbox — admin: who receives events, and what is still waiting (per registration, per subscriber).</summary>
public sealed class EventHandlers(AccessControl access, TableProvider tables, EventSubscribers subscribers, IOptions<EventOptions> options)
{
    public async Task<IResult> GetOutboxAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;

        var pending = await tables.GetTableAsync(OutboxPendingEntity.TableName, cancellationToken);
        var registrations = await tables.GetTableAsync(TableNames.Registrations, cancellationToken);
        var page = await pending.QueryPageAsync<OutboxPendingEntity>("", pageSize, token, cancellationToken);
        var items = await Task.WhenAll(page.Values.Select(async marker =>
        {
            var events = new List<PendingEventResponse>();
            await foreach (var row in registrations.QueryAsync<OutboxEventEntity>(
                OutboxEventEntity.PartitionFilter(marker.PartitionKey), select: ["EventId", "Sequence", "CreatedAt", "Deliveries"], cancellationToken: cancellationToken))
            {
                var deliveries = row.ReadDeliveries();
                events.Add(new PendingEventResponse(row.EventId, row.Sequence, row.CreatedAt, subscribers.All.ToDictionary(
                    s => s.Name,
                    s => deliveries.GetValueOrDefault(s.Name) is { } d
                        ? new DeliveryResponse(d.DeliveredAt, d.Attempts, d.NextAttemptAt, d.LastError, d.DeliveredAt is null && d.Attempts >= options.Value.FailingAfterAttempts)
                        : new DeliveryResponse(null, 0, null, null, false))));
            }
            return new PendingRegistrationResponse(marker.PartitionKey, marker.DueAt, marker.LeasedUntil, events);
        }));
        return Results.Ok(new OutboxResponse(
            [.. subscribers.All.Select(s => new SubscriberResponse(s.Name, s.Kind, s.Target))],
            new PagedResult<PendingRegistrationResponse>(items, page.ContinuationToken)));
    }
}

public sealed record OutboxResponse(IReadOnlyList<SubscriberResponse> Subscribers, PagedResult<PendingRegistrationResponse> Pending);

/// <summary>A subscriber: its name (the key of its delivery state), <c>webhook</c> or <c>eventGrid</c>, and where it is (without query or credentials).</summary>
public sealed record SubscriberResponse(string Name, string Kind, string Target);

public sealed record PendingRegistrationResponse(string RegistrationId, DateTimeOffset DueAt, DateTimeOffset? LeasedUntil, IReadOnlyList<PendingEventResponse> Events);

public sealed record PendingEventResponse(string Id, long Sequence, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, DeliveryResponse> Deliveries);

/// <summary><c>failing</c>: not delivered after Events:FailingAfterAttempts attempts (still retried).</summary>
public sealed record DeliveryResponse(DateTimeOffset? DeliveredAt, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, bool Failing);
