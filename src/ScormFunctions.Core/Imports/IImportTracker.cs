using System.Security.Cryptography;
using System.Text;

namespace ScormFunctions.Core.Imports;

/// <summary>
/// Follows an import to its end by starting <see cref="ImportOrchestration"/>: over the Durable client in the Functions
/// app (<see cref="DurableImportTracker"/>) and over the Durable Task Framework client in the local host; handlers get
/// it as a parameter because the Durable client is bound per function call.
/// </summary>
public interface IImportTracker
{
    /// <summary>Starts tracking the import; a second start for the same import is a no-op.</summary>
    Task StartAsync(ImportTrackingRequest request, CancellationToken cancellationToken);

    /// <summary>The job's postback arrived: poll now instead of waiting for the next timer.</summary>
    Task SignalAsync(string courseId, string importId, CancellationToken cancellationToken);
}

/// <summary>What a tracker needs to follow one import; <c>TraceParent</c> (W3C) is the starting request's, whose trace its steps join.</summary>
public sealed record ImportTrackingRequest(string CourseId, string ImportId, DateTimeOffset Deadline, string? TraceParent = null);

/// <summary>Names shared by both trackers.</summary>
public static class ImportTracking
{
    /// <summary>Name of the external event raised by the import postback.</summary>
    public const string PostbackEvent = "ImportPostback";

    private const int MaxInstanceIdLength = 100;

    /// <summary>
    /// Deterministic instance id <c>import-{courseId}-{importId}</c>, or <c>import-{sha256}</c> when that would be
    /// longer than 100 characters (course ids may be 255).
    /// </summary>
    public static string InstanceId(string courseId, string importId)
    {
        var plain = $"import-{courseId}-{importId}";
        if (plain.Length <= MaxInstanceIdLength) return plain;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(courseId + "\n" + importId));
        return "import-" + Convert.ToHexStringLower(hash);
    }

    public static ImportRunState InitialState(ImportTrackingRequest request, ImportTrackingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ImportRunState(request.CourseId, request.ImportId, request.Deadline, settings) { TraceParent = request.TraceParent };
    }
}
