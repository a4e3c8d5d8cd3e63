using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>
/// The type of a run-time interaction as V2 spells it (<c>RuntimeInteractionSchema.type</c>: <c>TrueFalse</c>, <c>Choice</c>…),
/// not the SCORM run-time spelling (<c>true-false</c>).
/// </summary>
[JsonConverter(typeof(ScormCloudEnumConverter<RuntimeInteractionType>))]
public enum RuntimeInteractionType
{
    /// <summary>Missing, or a value this client does not know.</summary>
    Unknown = 0,

    /// <summary><c>TrueFalse</c>.</summary>
    [JsonStringEnumMemberName("TrueFalse")] TrueFalse,

    /// <summary><c>Choice</c>.</summary>
    [JsonStringEnumMemberName("Choice")] Choice,

    /// <summary><c>FillIn</c>.</summary>
    [JsonStringEnumMemberName("FillIn")] FillIn,

    /// <summary><c>LongFillIn</c>.</summary>
    [JsonStringEnumMemberName("LongFillIn")] LongFillIn,

    /// <summary><c>Likert</c>.</summary>
    [JsonStringEnumMemberName("Likert")] Likert,

    /// <summary><c>Matching</c>.</summary>
    [JsonStringEnumMemberName("Matching")] Matching,

    /// <summary><c>Performance</c>.</summary>
    [JsonStringEnumMemberName("Performance")] Performance,

    /// <summary><c>Sequencing</c>.</summary>
    [JsonStringEnumMemberName("Sequencing")] Sequencing,

    /// <summary><c>Numeric</c>.</summary>
    [JsonStringEnumMemberName("Numeric")] Numeric,

    /// <summary><c>Other</c>.</summary>
    [JsonStringEnumMemberName("Other")] Other,
}
