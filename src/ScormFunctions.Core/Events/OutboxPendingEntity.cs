using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Events;

/// <summary>
/// "This registration has (or is about to have) undelivered events": one row per registration in its own small table,
/// so dispatchers find work without scanning the registrations. Writers set the marker (<see cref="MarkedIncarnation"/>,
/// <see cref="MarkedSequence"/>: the event they are about to write, only ever raised) before their transaction;
/// dispatchers lease the row, deliver, and delete it only once that event exists and everything is delivered.
/// </summary>
public sealed class OutboxPendingEntity : ITableEntity
{
    /// <summary>Logical table name (the configured prefix is added by the table provider).</summary>
    public const string TableName = "OutboxPending";

    public const string Row = "pending";

    /// <summary>The registration id.</summary>
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Creation time (ticks) of the registration the marked event belongs to.</summary>
    public long MarkedIncarnation { get; set; }

    /// <summary>The highest event sequence a writer announced.</summary>
    public long MarkedSequence { get; set; }

    /// <summary>When a writer last announced an event (an unfulfilled marker older than Events:AbandonedMarkerAfter is dropped).</summary>
    public DateTimeOffset MarkedAt { get; set; }

    /// <summary>When a dispatcher should look next: now after a write, later while a subscriber is backing off.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? LeasedUntil { get; set; }

    public string? LeaseOwner { get; set; }

    public bool IsLeased(DateTimeOffset now) => LeasedUntil is { } until && until > now;

    /// <summary>True when the marked event is written (or can never be: the registration is gone or was created again).</summary>
    public bool IsFulfilledBy(long? incarnation, long sequence) =>
        incarnation is not { } current || current > MarkedIncarnation || (current == MarkedIncarnation && sequence >= MarkedSequence);
}
