using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>Completion of a registration, activity or objective (V2 <c>UNKNOWN|COMPLETED|INCOMPLETE</c>).</summary>
[JsonConverter(typeof(ScormCloudEnumConverter<RegistrationCompletion>))]
public enum RegistrationCompletion
{
    /// <summary>Unknown, or a value this client does not know.</summary>
    [JsonStringEnumMemberName("UNKNOWN")] Unknown = 0,

    /// <summary>Completed.</summary>
    [JsonStringEnumMemberName("COMPLETED")] Completed,

    /// <summary>Incomplete.</summary>
    [JsonStringEnumMemberName("INCOMPLETE")] Incomplete,
}
