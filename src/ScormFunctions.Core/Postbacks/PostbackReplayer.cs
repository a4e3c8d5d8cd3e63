using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// Re-applies archived raw postback payloads (<see cref="PostbackArchive"/>) through
/// <see cref="RegistrationResultsStore.ApplyAsync"/>, the order-safe path live postbacks take: a payload older than
/// what we hold is stale, the same one again a duplicate, so replaying twice changes nothing. Payloads are only ever
/// archived after their per-registration credentials verified, so replay does not check credentials again (and works
/// after a key rotation). For recovery after a bug fix, a bad key rotation or a lost results table.
/// </summary>
public class PostbackReplayer(
    BlobContainerProvider containers,
    RegistrationResultsStore results,
    IOptions<StorageOptions> storage,
    ILogger<PostbackReplayer> logger)
{
    /// <summary>Replays the archived payloads of <paramref name="registrationId"/> and/or received in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public virtual async Task<ReplayResult> ReplayAsync(
        string? registrationId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var container = await containers.GetContainerAsync(storage.Value.ArchiveContainer, cancellationToken);
        int examined = 0, applied = 0, stale = 0, duplicate = 0, invalid = 0, unknown = 0;
        await foreach (var blob in ListAsync(container, registrationId, from, to, cancellationToken))
        {
            examined++;
            var payload = (await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            ResultsApplyOutcome outcome;
            try
            {
                var reported = PostbackPayload.Parse(payload);
                if (!string.Equals(reported.Id, blob.RegistrationId, StringComparison.Ordinal))
                {
                    throw new FormatException("The payload is for another registration.");
                }
                outcome = await results.ApplyAsync(blob.RegistrationId, reported, "replay", cancellationToken);
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                invalid++;
                logger.LogWarning("Replay: archived postback {Blob} is not a registration report: {Error}", blob.Name, ex.Message);
                continue;
            }
            switch (outcome)
            {
                case ResultsApplyOutcome.Applied: applied++; break;
                case ResultsApplyOutcome.Stale: stale++; break;
                case ResultsApplyOutcome.Duplicate: duplicate++; break;
                default: unknown++; break;
            }
        }
        logger.LogInformation(
            "Replay (registration {RegistrationId}, from {From:O} to {To:O}): {Examined} archived postbacks, {Applied} applied, {Stale} stale, "
            + "{Duplicate} duplicate, {Invalid} invalid, {Unknown} for registrations we do not have",
            registrationId ?? "any", from, to, examined, applied, stale, duplicate, invalid, unknown);
        return new ReplayResult(examined, applied, stale, duplicate, invalid, unknown);
    }

    private sealed record ArchivedBlob(string Name, string RegistrationId);

    /// <summary>
    /// Archive names are <c>yyyy/MM/dd/{registration segment}/{HHmmssfffffff}-{random}.{ext}</c>: a time range lists
    /// one day prefix at a time (up to 400 days); anything else scans the container. Oldest first within each prefix.
    /// </summary>
    private static async IAsyncEnumerable<ArchivedBlob> ListAsync(
        BlobContainerClient container, string? registrationId, DateTimeOffset? from, DateTimeOffset? to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var segment = registrationId is null ? null : BlobNames.Segment(registrationId);
        IEnumerable<string?> prefixes = [null];
        if (from is { } start && (to ?? DateTimeOffset.UtcNow) - start <= TimeSpan.FromDays(400))
        {
            var end = (to ?? DateTimeOffset.UtcNow).UtcDateTime.Date;
            var days = new List<string?>();
            for (var day = start.UtcDateTime.Date; day <= end; day = day.AddDays(1))
            {
                days.Add(day.ToString("yyyy/MM/dd/", CultureInfo.InvariantCulture) + (segment is null ? "" : segment + "/"));
            }
            prefixes = days;
        }
        foreach (var prefix in prefixes)
        {
            var found = new List<(DateTimeOffset At, ArchivedBlob Blob)>();
            await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
            {
                var parts = item.Name.Split('/');
                if (parts.Length != 5) continue;
                if (segment is not null && parts[3] != segment) continue;
                if (!DateTime.TryParseExact($"{parts[0]}{parts[1]}{parts[2]}{parts[4].Split('-')[0]}", "yyyyMMddHHmmssfffffff",
                        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                {
                    continue;
                }
                if ((from is { } f && at < f) || (to is { } t && at > t)) continue;
                // The handler stores the id in metadata (the name segment is a hash for very long ids).
                var id = item.Metadata is not null && item.Metadata.TryGetValue("registrationid", out var stored) ? stored : parts[3];
                found.Add((new DateTimeOffset(at, TimeSpan.Zero), new ArchivedBlob(item.Name, Uri.UnescapeDataString(id))));
            }
            foreach (var (_, blob) in found.OrderBy(x => x.At)) yield return blob;
        }
    }
}

/// <summary>Archived postbacks examined and what replaying each did.</summary>
public sealed record ReplayResult(int Examined, int Applied, int Stale, int Duplicate, int Invalid, int Unknown);
