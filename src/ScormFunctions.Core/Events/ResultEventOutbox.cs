using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Events;

/// <summary>
/// The write side of the transactional outbox. Every replace of a registration record goes through
/// <see cref="ReplaceAsync"/>: when the effective result differs from what was read (<see cref="ResultSnapshot"/>),
/// the record and its event row are written in one Table transaction (same table, same partition), so an event exists
/// exactly when its change does. Before that transaction a marker row (<see cref="OutboxPendingEntity"/>) announces the
/// event, so dispatchers find it without scanning; a crash in between leaves a marker with nothing behind it, which a
/// dispatcher drops after <see cref="EventOptions.AbandonedMarkerAfter"/>.
/// </summary>
public class ResultEventOutbox(
    TableProvider tables,
    OutboxSignal signal,
    IOptions<EventOptions> options,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<ResultEventOutbox> logger)
{
    /// <summary>
    /// Replaces the record if unchanged since read (else <see cref="ConcurrencyConflictException"/>), with its event when the
    /// result changed, and with <paramref name="companions"/> (other rows of its partition, e.g. its instance history row)
    /// in the same transaction.
    /// </summary>
    public virtual async Task<RegistrationEntity> ReplaceAsync(
        TableClient table, RegistrationEntity registration, CancellationToken cancellationToken, IReadOnlyCollection<TableTransactionAction>? companions = null)
    {
        var result = ResultSnapshot.Of(registration);
        if (options.Value.HasSubscribers && result != (registration.ResultAsRead ?? ResultSnapshot.Empty))
        {
            await ReplaceWithEventAsync(table, registration, companions ?? [], cancellationToken);
        }
        else
        {
            await table.ReplaceWithAsync(registration, companions ?? [], cancellationToken);
        }
        registration.ResultAsRead = result;
        return registration;
    }

    private async Task ReplaceWithEventAsync(
        TableClient table, RegistrationEntity registration, IReadOnlyCollection<TableTransactionAction> companions, CancellationToken cancellationToken)
    {
        var registrationId = registration.PartitionKey;
        var incarnation = registration.CreatedAt.UtcTicks;
        var sequence = registration.EventSequence + 1;
        var now = time.GetUtcNow();
        var eventId = Guid.CreateVersion7(now);
        var row = new OutboxEventEntity
        {
            PartitionKey = registrationId,
            RowKey = OutboxEventEntity.RowKeyFor(incarnation, sequence),
            EventId = eventId.ToString(),
            Body = ResultChangedEvent.Build(registration, sequence, eventId, Source, now),
            Sequence = sequence,
            CreatedAt = now,
        };

        await MarkAsync(registrationId, incarnation, sequence, cancellationToken);
        registration.EventSequence = sequence;
        try
        {
            await table.ReplaceWithAsync(registration, [.. companions, new TableTransactionAction(TableTransactionActionType.Add, row)], cancellationToken);
        }
        catch
        {
            registration.EventSequence = sequence - 1;
            throw;
        }
        if (time.GetUtcNow() - now > options.Value.AbandonedMarkerAfter / 2)
        {
            // So slow that a dispatcher may have taken the marker for abandoned: set it again.
            await MarkAsync(registrationId, incarnation, sequence, cancellationToken);
        }
        EventTelemetry.Emitted.Add(1);
        logger.LogInformation("Result change of {RegistrationId} written with event {Sequence} ({EventId})", registrationId, sequence, row.EventId);
        signal.Notify();
    }

    private Uri Source => options.Value.Source ?? new Uri(app.Value.PublicBaseUrl, ApiRoutes.Path(ApiRoutes.Registrations));

    /// <summary>Creates the marker or raises it to this event (never lowers it: a slow writer must not hide a newer event) and makes it due now.</summary>
    private async Task MarkAsync(string registrationId, long incarnation, long sequence, CancellationToken cancellationToken)
    {
        var pending = await tables.GetTableAsync(OutboxPendingEntity.TableName, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var current = attempt == 1 ? null : await pending.GetOrDefaultAsync<OutboxPendingEntity>(registrationId, OutboxPendingEntity.Row, cancellationToken);
            try
            {
                if (current is null)
                {
                    await pending.InsertAsync(new OutboxPendingEntity
                    {
                        PartitionKey = registrationId,
                        MarkedIncarnation = incarnation,
                        MarkedSequence = sequence,
                        MarkedAt = now,
                        DueAt = now,
                    }, cancellationToken);
                    return;
                }
                var patch = new TableEntity(registrationId, OutboxPendingEntity.Row) { [nameof(OutboxPendingEntity.DueAt)] = now };
                if (incarnation > current.MarkedIncarnation || (incarnation == current.MarkedIncarnation && sequence >= current.MarkedSequence))
                {
                    patch[nameof(OutboxPendingEntity.MarkedIncarnation)] = incarnation;
                    patch[nameof(OutboxPendingEntity.MarkedSequence)] = sequence;
                    patch[nameof(OutboxPendingEntity.MarkedAt)] = now;
                }
                await pending.UpdateEntityAsync(patch, current.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 20 && ex is RecordAlreadyExistsException or RequestFailedException { Status: 412 or 404 })
            {
                // Another writer or a dispatcher got there first: read the marker again.
            }
        }
    }
}
