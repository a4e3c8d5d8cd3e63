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
}
