using System.Buffers.Text;
using System.Text.Json;

namespace ScormCloud.Emulator.Api;

/// <summary>
/// The opaque <c>more</c> token of list endpoints: the original filters plus the last item's sequence number,
/// so a follow-up request needs only <c>more</c> (as with the real service) and paging is stable under inserts.
/// </summary>
public sealed record PageToken(long After, Dictionary<string, string?> Filters, DateTimeOffset? AfterTime = null)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, ApiJson.Options));

    public static PageToken? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(value), ApiJson.Options);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Takes one page from items already sorted by sequence; returns the next token or null.</summary>
    public static (List<T> Page, string? More) Page<T>(IEnumerable<T> sorted, Func<T, long> sequence, long after,
        int pageSize, Dictionary<string, string?> filters)
    {
        var page = sorted.Where(x => sequence(x) > after).Take(pageSize + 1).ToList();
        if (page.Count <= pageSize) return (page, null);
        page.RemoveAt(page.Count - 1);
        return (page, new PageToken(sequence(page[^1]), filters).Encode());
    }
}
