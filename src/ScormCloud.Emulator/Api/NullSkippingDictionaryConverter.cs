using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScormCloud.Emulator.Api;

/// <summary>
/// Writes <c>Dictionary&lt;string, object?&gt;</c> schemas without their null entries, so optional fields are absent
/// (as the real service sends them); <c>DefaultIgnoreCondition</c> does not apply to dictionary values.
/// </summary>
public sealed class NullSkippingDictionaryConverter : JsonConverter<Dictionary<string, object?>>
{
    public override Dictionary<string, object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Schema dictionaries are write-only.");

    public override void Write(Utf8JsonWriter writer, Dictionary<string, object?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            if (item is null) continue;
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, item, item.GetType(), options);
        }
        writer.WriteEndObject();
    }
}
