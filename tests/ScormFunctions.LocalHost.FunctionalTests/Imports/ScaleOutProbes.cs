using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.LocalHost.FunctionalTests.Imports;

/// <summary>Import activities one host ran, as its log says.</summary>
public readonly record struct ActivityCounts(int Starts, int Polls, int Records)
{
    public int Total => Starts + Polls + Records;

    public static ActivityCounts operator -(ActivityCounts left, ActivityCounts right) =>
        new(left.Starts - right.Starts, left.Polls - right.Polls, left.Records - right.Records);

    public override string ToString() => $"{Total} (starts {Starts}, polls {Polls}, records {Records})";
}

/// <summary>
/// Counts the import activities a <see cref="LocalHostProcess"/> ran, from its JSON console log (set
/// <c>Logging:Console:FormatterName=json</c>): each activity logs one line per execution on the host that runs it, by
/// its message template.
/// </summary>
public static class HostLog
{
    private const string ActivitiesCategory = "ScormFunctions.Core.Imports.ImportActivities";

    private const string Started = "SCORM Cloud job {JobId} started";
    private const string Polled = "job {JobId} is {JobStatus}";
    private const string Recorded = "ended {Status}:";

    public static ActivityCounts Count(LocalHostProcess host)
    {
        var lines = ActivityLines(host).ToList();
        return new ActivityCounts(
            lines.Count(l => l.Template.Contains(Started, StringComparison.Ordinal)),
            lines.Count(l => l.Template.Contains(Polled, StringComparison.Ordinal)),
            lines.Count(l => l.Template.Contains(Recorded, StringComparison.Ordinal)));
    }

    /// <summary>Imports whose outcome this host recorded (a redelivered record activity logs again: distinct ids).</summary>
    public static IEnumerable<string> RecordedImports(LocalHostProcess host) =>
        ActivityLines(host).Where(l => l.Template.Contains(Recorded, StringComparison.Ordinal)).Select(l => l.ImportId).Distinct();

    private static IEnumerable<(string Template, string ImportId)> ActivityLines(LocalHostProcess host)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var line in host.Output)
        {
            if (!line.StartsWith('{') || !line.Contains(ActivitiesCategory, StringComparison.Ordinal)) continue;
            using var entry = JsonDocument.Parse(line);
            if (!entry.RootElement.TryGetProperty("State", out var state) || !state.TryGetProperty("{OriginalFormat}", out var format)) continue;
            yield return (format.GetString() ?? "", state.TryGetProperty("ImportId", out var id) ? id.GetString() ?? "" : "");
        }
    }
}

/// <summary>
/// The task hub's partition table (<c>{hub}Partitions</c>, written by DTFx's table partition manager): which worker
/// holds the lease on each control-queue partition.
/// </summary>
public sealed class TaskHubPartitions(string taskHub)
{
    private readonly TableClient table = new(Azurite.ConnectionString, taskHub + "Partitions");

    /// <summary>Partition → current owner, for the partitions that have one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OwnersAsync()
    {
        var owners = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var lease in table.QueryAsync<TableEntity>(select: ["RowKey", "CurrentOwner"]))
            {
                if (lease.GetString("CurrentOwner") is { Length: > 0 } owner) owners[lease.RowKey] = owner;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The first worker has not created the table yet.
        }
        return owners;
    }
}
