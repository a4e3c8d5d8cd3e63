using System.Net.Http.Headers;
using System.Text;

namespace ScormCloud.Emulator.Postbacks;

/// <summary>
/// Sends one postback attempt in the V2 formats: <c>form</c> → <c>application/x-www-form-urlencoded; charset=UTF-8</c> with
/// <c>data</c> (the JSON), <c>userName</c>, <c>password</c>; <c>httpbasic</c> → <c>application/json; charset=UTF-8</c> body with
/// <c>Authorization: Basic</c> when user and password are set. 2xx and 3xx (not followed) count as delivered.
/// </summary>
public sealed class PostbackSender(IHttpClientFactory clients)
{
    public const string ClientName = "postbacks";

    public async Task<bool> SendAsync(PostbackWork work, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, work.Target.Url) { Content = Content(work) };
        if (work.Target is { AuthType: "httpbasic", UserName: { } user, Password: { } password })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        return (int)response.StatusCode is >= 200 and < 400;
    }

    private static HttpContent Content(PostbackWork work)
    {
        if (work.Target.AuthType == "httpbasic")
        {
            var json = new StringContent(work.Json, Encoding.UTF8);
            json.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=UTF-8");
            return json;
        }
        var fields = new List<KeyValuePair<string, string>> { new("data", work.Json) };
        if (work.Target.UserName is { } user) fields.Add(new("userName", user));
        if (work.Target.Password is { } password) fields.Add(new("password", password));
        var form = new FormUrlEncodedContent(fields);
        form.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=UTF-8");
        return form;
    }
}
