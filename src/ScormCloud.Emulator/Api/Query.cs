using System.Globalization;

namespace ScormCloud.Emulator.Api;

/// <summary>Parsing of query-string values the way the service accepts them.</summary>
public static class Query
{
    public static bool Flag(string? value) => bool.TryParse(value, out var b) && b;

    /// <summary>
    /// 400 when a list's <c>more</c> token comes with any other parameter. RegistrationApi.GetRegistrations: "When passing
    /// this token, no other filter parameters can be sent"; the token carries the original filters.
    /// </summary>
    public static IResult? RejectMoreWithFilters(HttpRequest request, string? more) =>
        more is not null && request.Query.Keys.Any(k => !string.Equals(k, "more", StringComparison.Ordinal))
            ? ApiResults.BadRequest("When passing 'more', no other filter parameters can be sent.")
            : null;

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
