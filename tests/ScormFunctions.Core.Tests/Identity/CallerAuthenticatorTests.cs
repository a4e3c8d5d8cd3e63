using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Tests.Identity;

/// <summary>
/// The caller as the edge resolves it: the platform's JwtBearer handler configured from <c>Auth:*</c> (here trusting a
/// test key instead of an identity provider, as the local host does with its development key), the App Service
/// principal header when trusted, and <see cref="AccessControl"/>'s 401/403/503 problems.
/// </summary>
public sealed class CallerAuthenticatorTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static readonly AuthOptions Options = new() { Issuer = "https://issuer.test", Audience = "api://test" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The core's authentication services; <paramref name="trustTestKey"/> swaps the metadata for <see cref="Key"/>.</summary>
    private static ServiceProvider Services(AuthOptions? options = null, bool trustTestKey = true)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options ?? Options));
        services.AddCallerAuthentication();
        if (trustTestKey)
        {
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.MetadataAddress = null!;
                o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Key);
            });
        }
        return services.BuildServiceProvider();
    }

    private static HttpContext Request(IServiceProvider services, string? authorization = null, string? principal = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        if (principal is not null) context.Request.Headers[AppServicePrincipal.HeaderName] = principal;
        return context;
    }

    private static async Task<AuthenticationOutcome> AuthenticateAsync(AuthOptions? options = null, string? authorization = null, string? principal = null)
    {
        await using var services = Services(options);
        return await services.GetRequiredService<CallerAuthenticator>().AuthenticateAsync(Request(services, authorization, principal));
    }

    [Fact]
    public async Task ValidTokenYieldsSubjectAndAdminRole()
    {
        var token = SignedToken(Options, new() { ["sub"] = "ada", ["roles"] = new[] { "admin" } });

        var outcome = await AuthenticateAsync(authorization: "Bearer " + token);

        Assert.Equal("ada", outcome.Caller?.Subject);
        Assert.True(outcome.Caller?.IsAdmin);
    }

    [Fact]
    public async Task ExpiredTokenIsRejected()
    {
        var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        var token = SignedToken(Options, new() { ["sub"] = "ada", ["roles"] = new[] { "admin" } }, issuedAt: twoDaysAgo, expires: twoDaysAgo.AddHours(8));

        var outcome = await AuthenticateAsync(authorization: "Bearer " + token);

        Assert.Null(outcome.Caller);
    }

    [Fact]
    public async Task TokenForAnotherAudienceIsRejected()
    {
        var other = new AuthOptions { Issuer = Options.Issuer, Audience = "api://other" };
        var token = SignedToken(other, new() { ["sub"] = "ada", ["roles"] = new[] { "admin" } });

        var outcome = await AuthenticateAsync(authorization: "Bearer " + token);

        Assert.Null(outcome.Caller);
    }

    [Fact]
    public async Task AppServicePrincipalIsIgnoredUnlessTrusted()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","role_typ":"roles","claims":[{"typ":"sub","val":"ada"},{"typ":"roles","val":"admin"}]}"""));

        var untrusted = await AuthenticateAsync(principal: principal);
        var trusted = await AuthenticateAsync(new AuthOptions { TrustAppServiceAuthentication = true }, principal: principal);

        Assert.Null(untrusted.Caller);
        Assert.Equal("ada", trusted.Caller?.Subject);
        Assert.True(trusted.Caller?.IsAdmin);
    }

    [Fact]
    public async Task GarbageAppServicePrincipalIsRejected()
    {
        var outcome = await AuthenticateAsync(new AuthOptions { TrustAppServiceAuthentication = true }, principal: "not base64 !");

        Assert.Null(outcome.Caller);
    }

    [Theory]
    [InlineData("role")]
    [InlineData("http://schemas.microsoft.com/ws/2008/06/identity/claims/role")]
    public async Task RolesFromAnyClaimButTheConfiguredOneAreIgnored(string claimType)
    {
        // Issue 12 item 6: a token carrying admin in "role" or the long Microsoft URI must not be an admin.
        var token = SignedToken(Options, new() { ["sub"] = "mallory", [claimType] = new[] { "admin" } });

        var outcome = await AuthenticateAsync(authorization: "Bearer " + token);

        Assert.Equal("mallory", outcome.Caller?.Subject);
        Assert.False(outcome.Caller?.IsAdmin);
        Assert.Empty(outcome.Caller!.Roles);
    }

    [Fact]
    public async Task RolesComeFromTheConfiguredRoleClaim()
    {
        var custom = new AuthOptions { Issuer = Options.Issuer, Audience = Options.Audience, RoleClaim = "groups" };
        var token = SignedToken(custom, new() { ["sub"] = "ada", ["groups"] = new[] { "admin" }, ["roles"] = new[] { "learner" } });

        var outcome = await AuthenticateAsync(custom, authorization: "Bearer " + token);

        Assert.True(outcome.Caller?.IsAdmin);
        Assert.DoesNotContain("learner", outcome.Caller!.Roles);
    }

    [Fact]
    public async Task AppServicePrincipalRolesComeOnlyFromTheConfiguredClaim()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","role_typ":"role","claims":[{"typ":"sub","val":"mallory"},{"typ":"role","val":"admin"},{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"admin"}]}"""));

        var outcome = await AuthenticateAsync(new AuthOptions { TrustAppServiceAuthentication = true }, principal: principal);

        Assert.Equal("mallory", outcome.Caller?.Subject);
        Assert.False(outcome.Caller?.IsAdmin);
    }

    [Fact]
    public async Task UnreachableOidcMetadataIs503NotAnException()
    {
        // Issue 12 item 11: the metadata endpoint is down (nothing listens on this loopback port).
        var options = new AuthOptions { Issuer = $"http://127.0.0.1:{ClosedPort()}/tenant", Audience = "api://test" };
        var token = SignedToken(Options, new() { ["sub"] = "ada" });
        await using var services = Services(options, trustTestKey: false);

        var denied = await services.GetRequiredService<AccessControl>().AuthorizeAsync(Request(services, "Bearer " + token), CallerAccess.Authenticated);

        Assert.NotNull(denied);
        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(denied);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status.StatusCode);
    }

    [Fact]
    public async Task RequestWithoutTokenIs401WithBearerChallengeAndNeverFetchesMetadata()
    {
        // The unauthenticated path stays cheap: with the identity provider down, no token is still 401, not 503.
        var options = new AuthOptions { Issuer = $"http://127.0.0.1:{ClosedPort()}/tenant", Audience = "api://test" };
        await using var services = Services(options, trustTestKey: false);
        var context = Request(services);

        var denied = await services.GetRequiredService<AccessControl>().AuthorizeAsync(context, CallerAccess.Admin);
        await denied!.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task InvalidTokenIs401WithInvalidTokenChallenge()
    {
        await using var services = Services();
        var context = Request(services, "Bearer not-a-jwt");

        var denied = await services.GetRequiredService<AccessControl>().AuthorizeAsync(context, CallerAccess.Authenticated);
        await denied!.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.StartsWith("Bearer error=\"invalid_token\"", context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LearnerIs403OnAdminEndpointsAndResolvedOnAuthenticatedOnes()
    {
        var token = "Bearer " + SignedToken(Options, new() { ["sub"] = "lin", ["roles"] = new[] { "learner" } });
        await using var services = Services();
        var access = services.GetRequiredService<AccessControl>();
        var asAdmin = Request(services, token);
        var asCaller = Request(services, token);

        var admin = await access.AuthorizeAsync(asAdmin, CallerAccess.Admin);
        var caller = await access.AuthorizeAsync(asCaller, CallerAccess.Authenticated);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(admin).StatusCode);
        Assert.Null(caller);
        Assert.Equal("lin", asCaller.GetCaller().Subject);
        Assert.Throws<InvalidOperationException>(() => asAdmin.GetCaller());
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string SignedToken(AuthOptions options, Dictionary<string, object> claims, DateTime? issuedAt = null, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = issuedAt ?? DateTime.UtcNow,
            NotBefore = issuedAt ?? DateTime.UtcNow,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });
}
