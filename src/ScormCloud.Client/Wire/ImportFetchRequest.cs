using System.Text.Json.Serialization;

namespace ScormCloud.Client.Wire;

/// <summary>V2 <c>ImportFetchRequestSchema</c>, sent without a wrapper.</summary>
internal sealed class ImportFetchRequest
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("contentType")]
    public string ContentType { get; init; } = "application/zip";
}
