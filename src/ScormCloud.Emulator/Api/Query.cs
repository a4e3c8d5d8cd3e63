using System.Globalization;

namespace ScormCloud.Emulator.Api;

/// <summary>Parsing of query-string values the way the service accepts them.</summary>
public static class Query
{
    public static bool Flag(string? value) => bool.TryParse(value, out var b) && b;

    /// <summary>ISO-8601 date-time; empty is "no filter". False when present but unparsable.</summary>
    public static bool TryParseDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }
        date = parsed;
        return true;
    }
}
