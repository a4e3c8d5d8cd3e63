using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>How much detail a registration postback carries (V2 <c>PostBackSchema.resultsFormat</c>).</summary>
[JsonConverter(typeof(ScormCloudEnumConverter<PostBackResultsFormat>))]
public enum PostBackResultsFormat
{
    /// <summary>Not set (the service default applies), or a value this client does not know.</summary>
    [JsonStringEnumMemberName("UNDEFINED")] Undefined = 0,

    /// <summary>Course-level results only.</summary>
    [JsonStringEnumMemberName("COURSE")] Course,

    /// <summary>Course and activity results.</summary>
    [JsonStringEnumMemberName("ACTIVITY")] Activity,

    /// <summary>Everything, including runtime data.</summary>
    [JsonStringEnumMemberName("FULL")] Full,
}
