using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The state of an import job (V2 <c>ImportJobResultSchema.status</c>).</summary>
[JsonConverter(typeof(ScormCloudEnumConverter<ImportJobStatus>))]
public enum ImportJobStatus
{
    /// <summary>A value this client does not know (or no value).</summary>
    [JsonStringEnumMemberName("UNKNOWN")] Unknown = 0,

    /// <summary>The import is still running; poll again.</summary>
    [JsonStringEnumMemberName("RUNNING")] Running,

    /// <summary>The import finished and the course exists.</summary>
    [JsonStringEnumMemberName("COMPLETE")] Complete,

    /// <summary>The import failed; see <see cref="ImportJobResult.Message"/>.</summary>
    [JsonStringEnumMemberName("ERROR")] Error,
}
