using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScormCloud.Emulator.Api;

/// <summary>JSON conventions of the V2 API: camelCase names, absent (not null) optional fields, ISO-8601 UTC dates.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new NullSkippingDictionaryConverter() },
    };

    /// <summary>Dates as the real service writes them, e.g. <c>2026-11-23T07:29:10.123Z</c>.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Date(DateTimeOffset? value) => value is { } v ? Date(v) : null;
}
