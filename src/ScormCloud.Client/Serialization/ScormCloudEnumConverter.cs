using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScormCloud.Client.Serialization;

/// <summary>
/// Reads and writes an enum in its SCORM Cloud V2 spelling (for example <c>SCORM20043RDEDITION</c>).
/// Unknown or missing values read as the enum's zero value (<c>Unknown</c>/<c>Undefined</c>), so a value
/// added by the service later never breaks deserialization.
/// </summary>
/// <typeparam name="TEnum">The enum type; its zero value must mean "unknown".</typeparam>
internal sealed class ScormCloudEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> s_byName = BuildReadMap();
    private static readonly Dictionary<TEnum, string> s_byValue = BuildWriteMap();

    public override bool HandleNull => true;

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString();
                return text is not null && s_byName.TryGetValue(text.Trim(), out var value) ? value : default;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return default;
            default:
                return default;
        }
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(s_byValue.TryGetValue(value, out var name) ? name : value.ToString().ToUpperInvariant());
    }

    /// <summary>The V2 wire name of <paramref name="value"/>.</summary>
    public static string ToWireName(TEnum value) =>
        s_byValue.TryGetValue(value, out var name) ? name : value.ToString().ToUpperInvariant();

    private static IEnumerable<(string WireName, string MemberName, TEnum Value)> Members() =>
        typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (
            field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name.ToUpperInvariant(),
            field.Name,
            (TEnum)field.GetValue(null)!));

    private static Dictionary<string, TEnum> BuildReadMap()
    {
        var map = new Dictionary<string, TEnum>(StringComparer.OrdinalIgnoreCase);
        foreach (var (wireName, memberName, value) in Members())
        {
            map.TryAdd(wireName, value);
            map.TryAdd(memberName, value);
        }
        return map;
    }

    private static Dictionary<TEnum, string> BuildWriteMap()
    {
        var map = new Dictionary<TEnum, string>();
        foreach (var (wireName, _, value) in Members()) map.TryAdd(value, wireName);
        return map;
    }
}
