using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>
/// Completion of a run-time objective (<c>RuntimeObjectiveSchema.runtimeObjectiveCompletionStatus</c>:
/// <c>UNKNOWN|COMPLETED|INCOMPLETE|NOT_ATTEMPTED|BROWSED</c>).
/// </summary>
[JsonConverter(typeof(ScormCloudEnumConverter<RuntimeObjectiveCompletion>))]
public enum RuntimeObjectiveCompletion
{
    /// <summary>Unknown, or a value this client does not know.</summary>
    [JsonStringEnumMemberName("UNKNOWN")] Unknown = 0,

    /// <summary>Completed.</summary>
    [JsonStringEnumMemberName("COMPLETED")] Completed,

    /// <summary>Incomplete.</summary>
    [JsonStringEnumMemberName("INCOMPLETE")] Incomplete,

    /// <summary>Not attempted.</summary>
    [JsonStringEnumMemberName("NOT_ATTEMPTED")] NotAttempted,

    /// <summary>Browsed.</summary>
    [JsonStringEnumMemberName("BROWSED")] Browsed,
}
