using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScormCloud.Emulator.Registrations;

/// <summary>Reads scorm-again's <c>runtimeData.cmi</c> object (values are strings; lists are arrays or index-keyed objects).</summary>
public static class Cmi
{
    /// <summary>The value at a dotted path relative to <c>cmi</c>, e.g. <c>core.lesson_status</c>; null when absent or empty.</summary>
    public static string? Get(JsonObject? cmi, string path)
    {
        JsonNode? node = cmi;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
            if (node is null) return null;
        }
        if (node is not JsonValue value) return null;
        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static double? Number(JsonObject? cmi, string path) =>
        double.TryParse(Get(cmi, path), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The items of a cmi list (<c>interactions</c>, <c>objectives</c>) in index order.</summary>
    public static IEnumerable<JsonObject> List(JsonObject? cmi, string path)
    {
        JsonNode? node = cmi;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }
        return node switch
        {
            JsonArray a => a.OfType<JsonObject>(),
            JsonObject o => o.Where(p => int.TryParse(p.Key, out _)).OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture))
                .Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
    }

    public static bool IsScorm12(string learningStandard) => learningStandard is "SCORM12" or "SCORM11";
}
