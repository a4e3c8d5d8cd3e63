using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>A score (V2 <c>ScoreSchema</c>).</summary>
public class Score
{
    /// <summary>The scaled score, from <b>0 to 100</b> (not 0 to 1).</summary>
    [JsonPropertyName("scaled")]
    public double? Scaled { get; init; }
}
