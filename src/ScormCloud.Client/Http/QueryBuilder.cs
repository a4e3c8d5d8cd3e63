using System.Globalization;
using System.Text;

namespace ScormCloud.Client.Http;

/// <summary>Builds an escaped query string; null values are left out.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _builder = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null) return this;
        _builder.Append(_builder.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryBuilder Add(string name, bool value) => Add(name, value ? "true" : "false");

    public QueryBuilder Add(string name, Uri? value) => Add(name, value?.AbsoluteUri);

    public QueryBuilder Add(string name, DateTimeOffset? value) =>
        Add(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public override string ToString() => _builder.ToString();
}
