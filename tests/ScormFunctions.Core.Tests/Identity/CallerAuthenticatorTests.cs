using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Tests.Identity;

public sealed class CallerAuthenticatorTests
{
    private static readonly AuthOptions Options = new()
    {
        Issuer = "https://issuer.test",
        Audience = "api://test",
        DevelopmentSigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    private static CallerAuthenticator Authenticator(AuthOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? Options), NullLogger<CallerAuthenticator>.Instance);

    private static HttpRequest Request(string? authorization = null, string? principal = null)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        if (principal is not null) context.Request.Headers[AppServicePrincipal.HeaderName] = principal;
        return context.Request;
    }

    [Fact]
    public async Task ValidTokenYieldsSubjectAndAdminRole()
    {
        var token = new DevelopmentTokenIssuer(Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System).Issue("ada", ["admin"]);

        var outcome = await Authenticator().AuthenticateAsync(Request("Bearer " + token), TestContext.Current.CancellationToken);

        Assert.Equal("ada", outcome.Caller?.Subject);
        Assert.True(outcome.Caller?.IsAdmin);
    }

    [Fact]
    public async Task ExpiredTokenIsRejected()
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        var token = new DevelopmentTokenIssuer(Microsoft.Extensions.Options.Options.Create(Options), past).Issue("ada", ["admin"]);

        var outcome = await Authenticator().AuthenticateAsync(Request("Bearer " + token), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Caller);
    }

    [Fact]
    public async Task TokenForAnotherAudienceIsRejected()
    {
        var other = new AuthOptions { Issuer = Options.Issuer, Audience = "api://other", DevelopmentSigningKey = Options.DevelopmentSigningKey };
        var token = new DevelopmentTokenIssuer(Microsoft.Extensions.Options.Options.Create(other), TimeProvider.System).Issue("ada", ["admin"]);

        var outcome = await Authenticator().AuthenticateAsync(Request("Bearer " + token), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Caller);
    }

    [Fact]
    public async Task AppServicePrincipalIsIgnoredUnlessTrusted()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","role_typ":"roles","claims":[{"typ":"sub","val":"ada"},{"typ":"roles","val":"admin"}]}"""));

        var untrusted = await Authenticator().AuthenticateAsync(Request(principal: principal), TestContext.Current.CancellationToken);
        var trusted = await Authenticator(new AuthOptions { TrustAppServiceAuthentication = true })
            .AuthenticateAsync(Request(principal: principal), TestContext.Current.CancellationToken);

        Assert.Null(untrusted.Caller);
        Assert.Equal("ada", trusted.Caller?.Subject);
        Assert.True(trusted.Caller?.IsAdmin);
    }

    [Fact]
    public async Task GarbageAppServicePrincipalIsRejected()
    {
        var outcome = await Authenticator(new AuthOptions { TrustAppServiceAuthentication = true })
            .AuthenticateAsync(Request(principal: "not base64 !"), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Caller);
    }

    [Theory]
    [InlineData("role")]
    [InlineData("http://schemas.microsoft.com/ws/2008/06/identity/claims/role")]
    public async Task RolesFromAnyClaimButTheConfiguredOneAreIgnored(string claimType)
    {
        // Issue 12 item 6: a token carrying admin in "role" or the long Microsoft URI must not be an admin.
        var token = SignedToken(Options, new Dictionary<string, object> { ["sub"] = "mallory", [claimType] = new[] { "admin" } });

        var outcome = await Authenticator().AuthenticateAsync(Request("Bearer " + token), TestContext.Current.CancellationToken);

        Assert.Equal("mallory", outcome.Caller?.Subject);
        Assert.False(outcome.Caller?.IsAdmin);
        Assert.Empty(outcome.Caller!.Roles);
    }

    [Fact]
    public async Task RolesComeFromTheConfiguredRoleClaim()
    {
        var custom = new AuthOptions { Issuer = Options.Issuer, Audience = Options.Audience, DevelopmentSigningKey = Options.DevelopmentSigningKey, RoleClaim = "groups" };
        var token = SignedToken(custom, new Dictionary<string, object> { ["sub"] = "ada", ["groups"] = new[] { "admin" }, ["roles"] = new[] { "learner" } });

        var outcome = await Authenticator(custom).AuthenticateAsync(Request("Bearer " + token), TestContext.Current.CancellationToken);

        Assert.True(outcome.Caller?.IsAdmin);
        Assert.DoesNotContain("learner", outcome.Caller!.Roles);
    }

    [Fact]
    public async Task AppServicePrincipalRolesComeOnlyFromTheConfiguredClaim()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","role_typ":"role","claims":[{"typ":"sub","val":"mallory"},{"typ":"role","val":"admin"},{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"admin"}]}"""));

        var outcome = await Authenticator(new AuthOptions { TrustAppServiceAuthentication = true })
            .AuthenticateAsync(Request(principal: principal), TestContext.Current.CancellationToken);

        Assert.Equal("mallory", outcome.Caller?.Subject);
        Assert.False(outcome.Caller?.IsAdmin);
    }

    [Fact]
    public async Task UnreachableOidcMetadataIs503NotAnException()
    {
        // Issue 12 item 11: the metadata endpoint is down (nothing listens on this loopback port).
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new AuthOptions { Issuer = $"http://127.0.0.1:{port}/tenant", Audience = "api://test" };
        var token = SignedToken(Options, new Dictionary<string, object> { ["sub"] = "ada" });
        var access = new AccessControl(Authenticator(options));

        var result = await access.RequireCallerAsync(Request("Bearer " + token), TestContext.Current.CancellationToken);

        Assert.False(result.Allowed);
        var status = Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.IStatusCodeHttpResult>(result.Denied);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status.StatusCode);
    }

    private static string SignedToken(AuthOptions options, Dictionary<string, object> claims) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(options.DevelopmentSigningKey!)),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
}
