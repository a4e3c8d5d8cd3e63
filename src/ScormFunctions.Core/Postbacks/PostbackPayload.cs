using System.Text.Json;
using ScormCloud.Client;
using ScormCloud.Client.Models;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// Reads a postback payload (V2 JSON or V1 XML) into SCORM Cloud's registration report: the one parser of the
/// postback handler and of replay, so an archived payload replays exactly as it was first applied.
/// </summary>
public static class PostbackPayload
{
    /// <summary><c>json</c>, <c>xml</c> or <c>txt</c> (the archive's file extension).</summary>
    public static string KindOf(string? payload)
    {
        var trimmed = payload?.TrimStart() ?? "";
        return trimmed.StartsWith('{') ? "json" : trimmed.StartsWith('<') ? "xml" : "txt";
    }

    /// <summary>Parses the payload; <see cref="FormatException"/> or <see cref="JsonException"/> when it is not a report.</summary>
    public static Registration Parse(string? payload) => KindOf(payload) switch
    {
        "json" => JsonSerializer.Deserialize<Registration>(payload!, ScormCloudJson.Options) ?? throw new FormatException("The JSON is null."),
        "xml" => LegacyRegistrationReport.Parse(payload!, PostbackHandler.MaxBodyBytes),
        _ => throw new FormatException(payload is null ? "There is no payload (a form post needs a data field)." : "The payload is neither JSON nor XML."),
    };
}
