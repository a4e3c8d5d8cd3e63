using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>Success of a registration, activity or objective (V2 <c>UNKNOWN|PASSED|FAILED</c>).</summary>
[JsonConverter(typeof(ScormCloudEnumConverter<RegistrationSuccess>))]
public enum RegistrationSuccess
{
    /// <summary>Unknown, or a value this client does not know.</summary>
    [JsonStringEnumMemberName("UNKNOWN")] Unknown = 0,

    /// <summary>Passed.</summary>
    [JsonStringEnumMemberName("PASSED")] Passed,

    /// <summary>Failed.</summary>
    [JsonStringEnumMemberName("FAILED")] Failed,
}
