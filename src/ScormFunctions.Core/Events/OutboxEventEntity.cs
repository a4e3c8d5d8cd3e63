using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Events;

/// <summary>
/// One undelivered event, in the Registrations table beside its registration (same partition), written in the same
/// transaction as the change it announces. Deleted once every configured subscriber has it.
/// </summary>
public sealed class OutboxEventEntity : ITableEntity
{
    public const string RowPrefix = "event-";

    /// <summary>The registration id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><see cref="RowKeyFor"/>: sorts in the order the changes were made.</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The CloudEvents <c>id</c> (also <c>webhook-id</c>).</summary>
    public string EventId { get; set; } = "";

    public long Sequence { get; set; }

    /// <summary>The CloudEvents JSON document, byte for byte what subscribers receive.</summary>
    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>JSON: subscriber name → <see cref="SubscriberDelivery"/>.</summary>
    public string Deliveries { get; set; } = "{}";

    /// <summary>
    /// Events of a registration deleted and created again under the same id must not collide with (or be ordered after)
    /// the new registration's: the key starts with the registration's creation time, then its event sequence.
    /// </summary>
    public static string RowKeyFor(long incarnation, long sequence) => $"{RowPrefix}{incarnation:D19}-{sequence:D10}";

    /// <summary>The filter for a registration's event rows, oldest first.</summary>
    public static string PartitionFilter(string registrationId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {registrationId} and RowKey ge {RowPrefix} and RowKey lt {"event."}");

    public Dictionary<string, SubscriberDelivery> ReadDeliveries() =>
        JsonSerializer.Deserialize<Dictionary<string, SubscriberDelivery>>(Deliveries) ?? [];

    public void WriteDeliveries(Dictionary<string, SubscriberDelivery> deliveries) => Deliveries = JsonSerializer.Serialize(deliveries);
}

/// <summary>Delivery of one event to one subscriber.</summary>
public sealed record SubscriberDelivery
{
    public DateTimeOffset? DeliveredAt { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Status code or error kind of the last failed attempt (never the URL or a response body).</summary>
    public string? LastError { get; init; }
}
