using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>How SCORM Cloud authenticates and encodes a registration postback (V2 <c>PostBackSchema.authType</c>).</summary>
[JsonConverter(typeof(ScormCloudEnumConverter<PostBackAuthType>))]
public enum PostBackAuthType
{
    /// <summary>Not set (the service default applies), or a value this client does not know.</summary>
    [JsonStringEnumMemberName("UNDEFINED")] Undefined = 0,

    /// <summary>Form post: fields <c>data</c> (URL-encoded JSON), <c>userName</c> and <c>password</c>.</summary>
    [JsonStringEnumMemberName("FORM")] Form,

    /// <summary>JSON body with HTTP Basic authentication.</summary>
    [JsonStringEnumMemberName("HTTPBASIC")] HttpBasic,
}
