using System.Text.Json;
using System.Text.Json.Serialization;
using ScormCloud.Client.Serialization;

namespace ScormCloud.Client;

/// <summary>
/// The JSON settings the client uses for SCORM Cloud V2 payloads. Reuse them to parse postback bodies
/// into the same models (for example <c>JsonSerializer.Deserialize&lt;Registration&gt;(body, ScormCloudJson.Options)</c>).
/// </summary>
public static class ScormCloudJson
{
    /// <summary>
    /// Read-only options: web defaults (camelCase, case-insensitive names, numbers accepted as strings),
    /// nulls omitted on write, enums in V2 spelling with unknown values mapped to <c>Unknown</c>/<c>Undefined</c>,
    /// and string properties that also accept JSON numbers and booleans.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new LenientStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
