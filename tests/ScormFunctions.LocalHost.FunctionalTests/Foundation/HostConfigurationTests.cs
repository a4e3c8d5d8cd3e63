using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ScormFunctions.LocalHost.FunctionalTests.Foundation;

public sealed class HostConfigurationTests
{
    [Fact]
    public async Task HealthIs503NamingStorageWhenStorageIsDown()
    {
        // Port 1 on loopback: nothing listens, so every storage call fails fast.
        await using var server = await LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        });

        var response = await server.Client.GetAsync("api/health", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("storage", body.GetProperty("down").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task HealthIs503NamingScormCloudWhenItRejectsOurCredentials()
    {
        await using var emulator = await ScormFunctions.Testing.EmulatorServer.StartAsync();
        await using var server = await LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["ScormCloud:BaseUrl"] = emulator.BaseUrl.ToString(),
            ["ScormCloud:AppId"] = emulator.AppId,
            ["ScormCloud:SecretKey"] = "not-the-emulator-secret",
        });

        var response = await server.Client.GetAsync("api/health", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["scormCloud"], body.GetProperty("down").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("401", body.GetProperty("checks").GetProperty("scormCloud").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DevelopmentTokensAreNotMappedOutsideDevelopment()
    {
        await using var server = await LocalHostServer.StartAsync(environment: "Production");

        var response = await server.Client.PostAsJsonAsync("api/dev/tokens", new { subject = "ada", roles = new[] { "admin" } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MissingStorageSettingFailsStartNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "",
        }));

        Assert.Contains("Storage:ConnectionString", error.Message);
    }

    [Theory]
    [InlineData("App:PublicBaseUrl", "", "App:PublicBaseUrl is required")]
    [InlineData("App:PublicBaseUrl", "/relative", "App:PublicBaseUrl must be an absolute http or https URL")]
    [InlineData("Auth:Audience", "", "Auth:Audience is required")]
    public async Task MissingOrMalformedAppAndAuthSettingsFailStartNamingTheSetting(string key, string value, string message)
    {
        // Outside Development nothing fills them in: no silent default to 127.0.0.1 or to an audience nobody issues for.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LocalHostServer.StartAsync(
            new Dictionary<string, string?> { [key] = value }, environment: "Production"));

        Assert.Contains(message, error.Message);
    }
}
