using System.Text.Json.Serialization;

namespace ScormCloud.Client.Wire;

/// <summary>V2 <c>StringResultSchema</c>: <c>{"result": "…"}</c>.</summary>
internal sealed class StringResult
{
    [JsonPropertyName("result")]
    public string? Result { get; init; }
}
