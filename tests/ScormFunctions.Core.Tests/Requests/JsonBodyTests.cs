using System.Text;
using Microsoft.AspNetCore.Http;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Tests.Requests;

/// <summary>Issue 12 item 10: JSON endpoints take JSON only (a text/plain body is what a cross-site form can send).</summary>
public sealed class JsonBodyTests
{
    private sealed record Body(string? Name);

    private static HttpRequest Request(string? contentType, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        return context.Request;
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task AnyContentTypeButJsonIs415(string? contentType)
    {
        var (value, problem) = await JsonBody.ReadAsync<Body>(Request(contentType, """{"name":"x"}"""), TestContext.Current.CancellationToken);

        Assert.Null(value);
        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(problem);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, status.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/merge-patch+json")]
    public async Task JsonContentTypesAreRead(string contentType)
    {
        var (value, problem) = await JsonBody.ReadAsync<Body>(Request(contentType, """{"name":"x"}"""), TestContext.Current.CancellationToken);

        Assert.Null(problem);
        Assert.Equal("x", value?.Name);
    }
}
