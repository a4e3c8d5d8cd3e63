using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// Pulls results from SCORM Cloud and writes them through <see cref="RegistrationResultsStore"/>, the same mapping
/// and ordering rules as postbacks.
/// </summary>
public class RegistrationRefresher(
    ScormCloudClient cloud,
    RegistrationResultsStore results,
    IOptions<RegistrationOptions> options,
    ILogger<RegistrationRefresher> logger)
{
    /// <summary>Refreshes one registration; throws <see cref="ScormCloudException"/> (404 when SCORM Cloud has none).</summary>
    public virtual async Task<ResultsApplyOutcome> RefreshAsync(string registrationId, CancellationToken cancellationToken)
    {
        var full = options.Value.ResultsFormat == PostBackResultsFormat.Full;
        var reported = await cloud.GetRegistrationProgressAsync(registrationId, new RegistrationProgressOptions
        {
            IncludeChildResults = true,
            IncludeRuntime = full,
            IncludeInteractionsAndObjectives = full,
        }, cancellationToken);
        return await results.ApplyAsync(registrationId, reported, "refresh", cancellationToken);
    }

    /// <summary>Refreshes every registration of a course SCORM Cloud reports (updated at or after <paramref name="since"/>).</summary>
    public virtual async Task<BulkRefreshResult> RefreshCourseAsync(string courseId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var query = RegistrationReconciler.Query(since, options.Value, courseId);
        var counts = new Dictionary<ResultsApplyOutcome, int>();
        var examined = 0;
        await foreach (var reported in cloud.GetAllRegistrationsAsync(query, cancellationToken))
        {
            examined++;
            if (string.IsNullOrEmpty(reported.Id)) continue;
            var outcome = await results.ApplyAsync(reported.Id, reported, "refresh", cancellationToken);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }
        logger.LogInformation("Bulk refresh of course {CourseId}: {Examined} registrations examined", courseId, examined);
        return new BulkRefreshResult(courseId, examined,
            counts.GetValueOrDefault(ResultsApplyOutcome.Applied),
            counts.GetValueOrDefault(ResultsApplyOutcome.Duplicate) + counts.GetValueOrDefault(ResultsApplyOutcome.Stale),
            counts.GetValueOrDefault(ResultsApplyOutcome.Unknown));
    }
}

/// <summary>Counts of a bulk refresh: updated records, unchanged ones, and SCORM Cloud registrations we have no record of.</summary>
public sealed record BulkRefreshResult(string CourseId, int Examined, int Updated, int Unchanged, int Unknown);
