using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>How much of an activity is complete (V2 <c>CompletionAmountSchema</c>).</summary>
public class CompletionAmount
{
    /// <summary>The scaled completion amount.</summary>
    [JsonPropertyName("scaled")]
    public double? Scaled { get; init; }
}
