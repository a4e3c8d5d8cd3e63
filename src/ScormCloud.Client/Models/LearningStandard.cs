using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The learning standard of a course (V2 <c>CourseSchema.courseLearningStandard</c>).</summary>
[JsonConverter(typeof(ScormCloudEnumConverter<LearningStandard>))]
public enum LearningStandard
{
    /// <summary>Unknown, or a value this client does not know.</summary>
    [JsonStringEnumMemberName("UNKNOWN")] Unknown = 0,

    /// <summary>SCORM 1.1.</summary>
    [JsonStringEnumMemberName("SCORM11")] Scorm11,

    /// <summary>SCORM 1.2.</summary>
    [JsonStringEnumMemberName("SCORM12")] Scorm12,

    /// <summary>SCORM 2004 2nd edition.</summary>
    [JsonStringEnumMemberName("SCORM20042NDEDITION")] Scorm2004SecondEdition,

    /// <summary>SCORM 2004 3rd edition.</summary>
    [JsonStringEnumMemberName("SCORM20043RDEDITION")] Scorm2004ThirdEdition,

    /// <summary>SCORM 2004 4th edition.</summary>
    [JsonStringEnumMemberName("SCORM20044THEDITION")] Scorm2004FourthEdition,

    /// <summary>AICC.</summary>
    [JsonStringEnumMemberName("AICC")] Aicc,

    /// <summary>xAPI (Tin Can).</summary>
    [JsonStringEnumMemberName("XAPI")] Xapi,

    /// <summary>cmi5.</summary>
    [JsonStringEnumMemberName("CMI5")] Cmi5,

    /// <summary>LTI 1.3.</summary>
    [JsonStringEnumMemberName("LTI13")] Lti13,
}
