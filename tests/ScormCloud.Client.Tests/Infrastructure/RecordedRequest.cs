using System.Net.Http.Headers;
using System.Text;

namespace ScormCloud.Client.Tests.Infrastructure;

/// <summary>A request as the fake handler saw it (body captured before the response).</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    HttpRequestHeaders Headers,
    HttpContentHeaders? ContentHeaders,
    byte[]? Body)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public string BodyText => Body is null ? string.Empty : Encoding.UTF8.GetString(Body);
}
