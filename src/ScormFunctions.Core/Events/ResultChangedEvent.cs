using System.Text.Json;
using Azure.Messaging;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Events;

/// <summary>
/// The one event we emit, <c>scormfunctions.registration.resultChanged</c>, as a CloudEvents 1.0 structured JSON
/// document (Azure SDK <see cref="CloudEvent"/>): built once when the change is written and stored as the exact bytes
/// every subscriber receives, so a retry resends the same document with the same <c>id</c>.
/// </summary>
public static class ResultChangedEvent
{
    public const string Type = "scormfunctions.registration.resultChanged";

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    /// <summary>The structured-mode JSON document for <paramref name="registration"/> as it is about to be written.</summary>
    public static string Build(RegistrationEntity registration, long sequence, Guid id, Uri source, DateTimeOffset now)
    {
        var view = RegistrationResponse.From(registration);
        var data = new ResultChangedData(
            view.RegistrationId,
            view.CourseId,
            view.Learner.Id,
            sequence,
            new ReportedResult(view.Reported.Completion, view.Reported.Success, view.Reported.Score, view.Reported.TotalSeconds, view.Reported.UpdatedAt,
                view.Instance, view.CourseVersion),
            new EffectiveResult(view.Effective.Completion, view.Effective.Success, view.Effective.Score, view.Effective.TotalSeconds),
            view.Override is { } o ? new OverrideResult(o.Completion, o.Success, o.Score, o.At) : null,
            now);
        var cloudEvent = new CloudEvent(source.ToString(), Type, BinaryData.FromObjectAsJson(data, DataJson), "application/json", CloudEventDataFormat.Json)
        {
            Id = id.ToString(),
            Subject = registration.PartitionKey,
            Time = now,
        };
        return JsonSerializer.Serialize(cloudEvent);
    }
}

/// <summary><c>data</c> of a result change; <c>sequence</c> counts this registration's events (1, 2, …) for ordering and gaps.</summary>
public sealed record ResultChangedData(
    string RegistrationId,
    string CourseId,
    string LearnerId,
    long Sequence,
    ReportedResult Reported,
    EffectiveResult Effective,
    OverrideResult? Override,
    DateTimeOffset Updated);

/// <summary>
/// What SCORM Cloud reported; <c>updated</c> is SCORM Cloud's own stamp of that data, <c>instance</c> the instance it
/// belongs to (one more per retake) and <c>courseVersion</c> the course version that instance runs.
/// </summary>
public sealed record ReportedResult(
    string Completion, string Success, double? Score, double TotalSecondsTracked, DateTimeOffset? Updated, int Instance, int? CourseVersion);

/// <summary>The override where set, otherwise the reported values: what the LMS should act on.</summary>
public sealed record EffectiveResult(string Completion, string Success, double? Score, double TotalSecondsTracked);

/// <summary>An admin's override (without its reason and author, which stay in the admin API).</summary>
public sealed record OverrideResult(string? Completion, string? Success, double? Score, DateTimeOffset? At);
