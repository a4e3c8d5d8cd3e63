using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>
/// Where and how SCORM Cloud posts registration results (V2 <c>PostBackSchema</c>).
/// The service's documented defaults conflict, so set every field explicitly.
/// </summary>
public class PostBackSettings
{
    /// <summary>The receiver; use a public HTTPS URL that answers 200 (redirects count as delivered).</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; set; }

    /// <summary>Form post or JSON with HTTP Basic.</summary>
    [JsonPropertyName("authType")]
    public PostBackAuthType AuthType { get; set; }

    /// <summary>The user name sent to the receiver.</summary>
    [JsonPropertyName("userName")]
    public string? UserName { get; set; }

    /// <summary>The password sent to the receiver.</summary>
    [JsonPropertyName("password")]
    public string? Password { get; set; }

    /// <summary>Course, activity or full results.</summary>
    [JsonPropertyName("resultsFormat")]
    public PostBackResultsFormat ResultsFormat { get; set; }

    /// <summary><see langword="true"/> to receive the V1 XML payload instead of JSON.</summary>
    [JsonPropertyName("legacy")]
    public bool Legacy { get; set; }
}
