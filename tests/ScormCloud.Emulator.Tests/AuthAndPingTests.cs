using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

public sealed class AuthAndPingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("emulator-app:wrong")]
    [InlineData("someone:emulator-secret")]
    public async Task V2CallsWithoutValidBasicAuthGet401WithTheServiceBody(string? credentials)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        if (credentials is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await client.GetAsync("ping", Api.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"Authorization Required."}""", await response.Content.ReadAsStringAsync(Api.Ct));
    }

    [Fact]
    public async Task PingAnswersApiMessageAndCurrentTime()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var ping = await client.GetJsonAsync("ping");

        Assert.False(string.IsNullOrEmpty(ping.GetProperty("apiMessage").GetString()));
        var now = DateTimeOffset.Parse(ping.GetProperty("currentTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(now, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task CredentialsComeFromSettings()
    {
        await using var server = await EmulatorServer.StartAsync(s =>
        {
            s["Emulator:AppId"] = "other-app";
            s["Emulator:SecretKey"] = "other-secret";
        });
        using var client = server.CreateClient();

        using var response = await client.GetAsync("ping", Api.Ct);

        Assert.Equal("other-app", server.AppId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BaseUrlIsTheV2RootOnLoopback()
    {
        await using var server = await EmulatorServer.StartAsync();

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.EndsWith("/api/v2/", server.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(server.Origin.Port, server.BaseUrl.Port);
    }
}
