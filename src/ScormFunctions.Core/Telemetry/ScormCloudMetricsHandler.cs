using System.Diagnostics;

namespace ScormFunctions.Core.Telemetry;

/// <summary>
/// Counts every SCORM Cloud HTTP attempt by operation and status. It sits inside the resilience pipeline, so each retry
/// is counted and a 429 that a retry later hides is still visible.
/// </summary>
public sealed class ScormCloudMetricsHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = Operation(request.Method, request.RequestUri);
        var started = Stopwatch.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response;
        }
        finally
        {
            var tags = new TagList { { ScormTags.Operation, operation }, { ScormTags.Status, status } };
            ScormTelemetry.ScormCloudRequests.Add(1, tags);
            ScormTelemetry.ScormCloudDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>The fixed words of SCORM Cloud's V2 paths; every other segment is an id.</summary>
    private static readonly HashSet<string> PathWords = new(StringComparer.Ordinal)
    {
        "api", "v2", "ping", "courses", "importJobs", "upload", "registrations", "launchLink", "progress", "configuration",
        "instances", "launchHistory", "postback", "learner", "statements", "xapiStatementPipe", "reset",
    };

    /// <summary>
    /// "GET courses/{id}" style: the method and the path with every segment that is not one of SCORM Cloud's words replaced
    /// by {id}, so ids (ours, unbounded) never become metric dimensions.
    /// </summary>
    public static string Operation(HttpMethod method, Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        var path = uri is null ? "" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(s => s is "api" or "v2")
            .Select(s => PathWords.Contains(s) ? s : "{id}");
        return method.Method + " " + string.Join('/', segments);
    }
}
