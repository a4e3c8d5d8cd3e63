using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.LocalHost.Development;

namespace ScormFunctions.Browser.Tests;

/// <summary>
/// The pieces behind the SPA that need no browser: locating samples/spa, the Blob CORS merge, and what the host tells
/// the app about signing in (/spa-config.json, the oidc-client-ts library).
/// </summary>
public sealed class SpaHostingTests
{
    [Fact]
    public void The_spa_folder_is_found_by_walking_up_to_the_repository()
    {
        var found = SpaHosting.Locate(null, AppContext.BaseDirectory);

        Assert.NotNull(found);
        Assert.True(File.Exists(Path.Combine(found, "index.html")));
        Assert.Equal(Path.Combine(ScormFunctions.Testing.RepoPaths.Root, "samples", "spa"), found);
    }

    [Fact]
    public void A_configured_folder_without_index_html_is_not_served()
    {
        Assert.Null(SpaHosting.Locate(Path.GetTempPath(), AppContext.BaseDirectory));
        Assert.Null(SpaHosting.Locate(null, Path.GetPathRoot(Path.GetTempPath())!));
    }

    [Fact]
    public void Merge_creates_the_bicep_rule_when_there_is_none()
    {
        var properties = new BlobServiceProperties();

        Assert.True(AzuriteCorsService.Merge(properties, ["http://127.0.0.1:7071"]));

        var rule = Assert.Single(properties.Cors);
        Assert.Equal("http://127.0.0.1:7071", rule.AllowedOrigins);
        Assert.Equal("PUT,GET,HEAD,OPTIONS", rule.AllowedMethods);
        Assert.Equal("x-ms-*,content-*", rule.AllowedHeaders);
        Assert.Equal("x-ms-*,content-*,etag", rule.ExposedHeaders);
        Assert.Equal(3600, rule.MaxAgeInSeconds);
    }

    [Fact]
    public void Merge_keeps_other_hosts_origins_and_other_rules_and_is_idempotent()
    {
        var other = new BlobCorsRule { AllowedOrigins = "https://else.example", AllowedMethods = "GET", AllowedHeaders = "*", ExposedHeaders = "*", MaxAgeInSeconds = 5 };
        var properties = new BlobServiceProperties
        {
            Cors = [other, new BlobCorsRule
            {
                AllowedOrigins = "http://127.0.0.1:5000", AllowedMethods = "GET,PUT,OPTIONS,HEAD", AllowedHeaders = "content-*,x-ms-*",
                ExposedHeaders = "etag", MaxAgeInSeconds = 60,
            }],
        };

        Assert.True(AzuriteCorsService.Merge(properties, ["http://127.0.0.1:7071"]));
        Assert.False(AzuriteCorsService.Merge(properties, ["http://127.0.0.1:7071", "HTTP://127.0.0.1:5000"]));

        Assert.Equal(2, properties.Cors.Count);
        Assert.Same(other, properties.Cors[0]);
        Assert.Equal("http://127.0.0.1:7071,http://127.0.0.1:5000", properties.Cors[1].AllowedOrigins);
    }

    [Fact]
    public void Merge_keeps_the_most_recent_origins_only()
    {
        var properties = new BlobServiceProperties();
        for (var port = 1; port <= AzuriteCorsService.MaxOrigins + 5; port++)
        {
            AzuriteCorsService.Merge(properties, [$"http://127.0.0.1:{port}"]);
        }

        var origins = Assert.Single(properties.Cors).AllowedOrigins.Split(',');
        Assert.Equal(AzuriteCorsService.MaxOrigins, origins.Length);
        Assert.Equal($"http://127.0.0.1:{AzuriteCorsService.MaxOrigins + 5}", origins[0]);
        Assert.DoesNotContain("http://127.0.0.1:1", origins);
    }

    [Fact]
    public async Task The_local_host_serves_the_spa_at_the_root_and_the_api_beside_it()
    {
        await using var system = await LocalHostServer.StartAsync(blobCors: true);

        using var index = await system.Client.GetAsync("/", TestContext.Current.CancellationToken);
        using var script = await system.Client.GetAsync("upload.js", TestContext.Current.CancellationToken);
        using var health = await system.Client.GetAsync("api/health", TestContext.Current.CancellationToken);
        using var missing = await system.Client.GetAsync("nope.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ScormFunctions sample app", await index.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("no-referrer", index.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.True(health.StatusCode == HttpStatusCode.OK, await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The host put its origin into Azurite's Blob CORS rule at start-up.
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(ScormFunctions.Testing.Azurite.ConnectionString);
        BlobServiceProperties properties = await blobs.GetPropertiesAsync(TestContext.Current.CancellationToken);
        Assert.Contains(properties.Cors, r => r.AllowedMethods == AzuriteCorsService.AllowedMethods
            && r.AllowedOrigins.Split(',').Contains(system.Origin));
    }

    [Fact]
    public async Task With_a_local_provider_the_host_validates_through_its_discovery_document_and_tells_the_app()
    {
        await OidcProvider.InstallAsync();
        await using var system = await LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["Oidc:Authority"] = "http://127.0.0.1:7999/",
            ["Auth:Issuer"] = "",
            ["Auth:DevelopmentSigningKey"] = "",
        });
        var ct = TestContext.Current.CancellationToken;

        // The production path: issuer and metadata address from the authority, and no development key at all.
        var auth = system.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        Assert.Equal("http://127.0.0.1:7999", auth.Issuer);
        Assert.Equal(new Uri("http://127.0.0.1:7999/.well-known/openid-configuration"), auth.MetadataAddress);
        Assert.True(string.IsNullOrEmpty(auth.DevelopmentSigningKey));

        var config = await system.Client.GetFromJsonAsync<JsonElement>("spa-config.json", ct);
        var oidc = config.GetProperty("oidc");
        Assert.Equal("http://127.0.0.1:7999", oidc.GetProperty("authority").GetString());
        Assert.Equal("scormfunctions-spa", oidc.GetProperty("clientId").GetString());
        Assert.Equal("openid profile offline_access api://scormfunctions-test/access_as_user", oidc.GetProperty("scope").GetString());
        Assert.True(config.GetProperty("developmentTokens").GetBoolean());

        // oidc-client-ts's browser build, from tools/oidc/node_modules (pinned), on the app's own origin.
        using var library = await system.Client.GetAsync("vendor/oidc-client-ts/oidc-client-ts.min.js", ct);
        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        Assert.Equal("text/javascript", library.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("\"use strict\";var oidc=", await library.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        // Development tokens come from the provider now; with none listening there, the answer says so (503).
        using var token = await system.Client.PostAsJsonAsync("api/dev/tokens", new { subject = "ada", roles = new[] { "admin" } }, ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Contains("scripts/oidc.sh start", await token.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_provider_the_app_is_told_there_is_none()
    {
        await using var system = await LocalHostServer.StartAsync();

        var config = await system.Client.GetFromJsonAsync<JsonElement>("spa-config.json", TestContext.Current.CancellationToken);

        Assert.Equal(JsonValueKind.Null, config.GetProperty("oidc").ValueKind);
    }

    [Fact]
    public async Task Outside_development_the_spa_is_not_served()
    {
        await using var system = await LocalHostServer.StartAsync(environment: "Staging");

        using var index = await system.Client.GetAsync("/", TestContext.Current.CancellationToken);
        using var script = await system.Client.GetAsync("app.js", TestContext.Current.CancellationToken);
        using var config = await system.Client.GetAsync("spa-config.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, index.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, config.StatusCode);
    }
}
