using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The state of an import job (V2 <c>ImportJobResultSchema</c>).</summary>
public class ImportJobResult
{
    /// <summary>The import job id.</summary>
    [JsonPropertyName("jobId")]
    public string? JobId { get; init; }

    /// <summary>Running, complete or error.</summary>
    [JsonPropertyName("status")]
    public ImportJobStatus Status { get; init; }

    /// <summary>The service's message; explains an <see cref="ImportJobStatus.Error"/>.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The result, once the job is complete.</summary>
    [JsonPropertyName("importResult")]
    public ImportResult? ImportResult { get; init; }
}
