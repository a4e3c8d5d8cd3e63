using System.Net;
using ScormFunctions.Testing;

namespace ScormFunctions.Browser.Tests;

/// <summary>
/// Signing in and out of the sample app with OpenID Connect (authorization code + PKCE, oidc-client-ts) against the
/// local provider: its login page, the roles the API sees, renewal of short-lived access tokens mid-session, sign-out,
/// and development tokens only when the user chooses them.
/// </summary>
public sealed partial class SpaEndToEndTests
{
    [Fact]
    public async Task Admin_and_learner_sign_in_through_the_provider_login_page_and_get_their_views()
    {
        fixture.RequireBrowser();
        var admin = new SpaPage(await fixture.NewPageAsync(), "sign-in-admin");
        await admin.OpenAsync();
        Assert.Equal("signed-out", await admin.Page.Locator("body").GetAttributeAsync("data-view"));
        await admin.ScreenshotAsync("app-signed-out");

        // The provider's own login page; a wrong password stays there with a message.
        await admin.OpenProviderLoginAsync();
        Assert.StartsWith(fixture.Oidc.Authority + "/interaction/", admin.Page.Url);
        await admin.ScreenshotAsync("provider-login");
        await admin.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "oidc-login.png") });
        await admin.SubmitProviderLoginAsync("ada", "not-the-password");
        await admin.Page.Locator("[role='alert']").Filter(new() { HasText = "Wrong user name or password" }).WaitForAsync();
        await admin.SubmitProviderLoginAsync("ada", OidcProvider.PasswordOf("ada"));
        await admin.WaitForSignedInAsync("ada", "admin");
        Assert.StartsWith(fixture.System.Origin + "/", admin.Page.Url);
        Assert.DoesNotContain("code=", admin.Page.Url, StringComparison.Ordinal); // the app cleans the callback URL
        await admin.Page.Locator("#courses-table").WaitForAsync();
        await admin.ScreenshotAsync("signed-in");

        // The access token: RS256 from the provider, for the API's audience, with the admin app role; the page has no
        // development token and shows no "development token" badge.
        var user = await admin.StoredUserAsync();
        Assert.NotNull(user);
        Assert.False(string.IsNullOrEmpty(user.RefreshToken));
        var claims = SpaPage.Claims(user.AccessToken);
        Assert.Equal(["admin"], claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("", await admin.TextAsync("#whoami-mode"));
        AssertSignedInThroughTheProvider(admin, "ada");
        await admin.Page.Context.CloseAsync();

        var learner = new SpaPage(await fixture.NewPageAsync(), "sign-in-learner");
        await learner.OpenAsync();
        await learner.SignInAsync("lin", "learner");
        await learner.Page.Locator("#my-courses-table").WaitForAsync();
        Assert.Equal("learner", await learner.TextAsync("#whoami-role"));
        Assert.Equal(["learner"], SpaPage.Claims((await learner.StoredUserAsync())!.AccessToken).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // The API agrees: the learner's token is refused where only admins may go.
        var token = (await learner.StoredUserAsync())!.AccessToken;
        using (var api = new HttpClient { BaseAddress = fixture.System.BaseUrl })
        {
            api.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(new Uri("api/courses", UriKind.Relative), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("api/learners/lin/registrations", UriKind.Relative), Ct)).StatusCode);
        }
        AssertSignedInThroughTheProvider(learner, "lin");
        await learner.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_access_token_expires_mid_session_and_the_app_renews_it_with_the_refresh_token()
    {
        fixture.RequireBrowser();
        var spa = new SpaPage(await fixture.NewPageAsync(), "token-renewal");
        var refreshGrants = 0;
        var authorizeRequests = 0;
        spa.Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.Oidc.Authority + "/", StringComparison.Ordinal)) return;
            if (request.Url.StartsWith(fixture.Oidc.Authority + "/auth?", StringComparison.Ordinal)) Interlocked.Increment(ref authorizeRequests);
            if (request.Method == "POST" && request.PostData?.Contains("grant_type=refresh_token", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref refreshGrants);
            }
        };
        await spa.OpenAsync();
        await spa.SignInAsync("ada", "admin");
        var first = (await spa.StoredUserAsync())!;
        var lifetime = first.ExpiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(lifetime, 1, (long)BrowserFixture.AccessTokenLifetime.TotalSeconds);

        // Wait past the first token's expiry: meanwhile the app renewed it in the background (refresh_token grant).
        var firstExpires = DateTimeOffset.FromUnixTimeSeconds(first.ExpiresAt);
        while (DateTimeOffset.UtcNow <= firstExpires.AddSeconds(1)) await Task.Delay(500, Ct);
        var renewed = (await spa.StoredUserAsync())!;
        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.True(renewed.ExpiresAt > first.ExpiresAt);
        Assert.True(refreshGrants >= 1, "no refresh_token grant was sent to the provider");
        Assert.Equal(1, authorizeRequests); // renewed without another trip through the login page

        // The session goes on: the next calls carry a token the provider issued after the first one expired.
        var before = spa.ApiCalls.Count;
        await spa.Page.Locator("#courses-refresh").ClickAsync();
        await spa.Page.WaitForFunctionAsync("() => !document.querySelector('#courses-error') || document.querySelector('#courses-error').hidden");
        await WaitUntilAsync(() => spa.ApiCalls.Count > before);
        var call = spa.ApiCalls.Skip(before).First(c => c.Url.Contains("/api/courses", StringComparison.Ordinal));
        Assert.NotEqual(first.AccessToken, call.BearerToken);
        Assert.True(SpaPage.Claims(call.BearerToken!).GetProperty("iat").GetInt64() >= first.ExpiresAt - (long)BrowserFixture.AccessTokenLifetime.TotalSeconds);
        Assert.True(await spa.Page.Locator("#courses-error").IsHiddenAsync());

        // A 401 on the way (a token the API no longer accepts): the app renews once and repeats the call.
        var rejected = 0;
        await spa.Page.RouteAsync("**/api/courses?*", async route =>
        {
            if (Interlocked.Increment(ref rejected) == 1)
            {
                await route.FulfillAsync(new() { Status = 401, ContentType = "application/problem+json", Body = """{"status":401,"title":"Unauthorized","detail":"The bearer token is not valid."}""" });
                return;
            }
            await route.ContinueAsync();
        });
        var grantsBefore = refreshGrants;
        await spa.Page.Locator("#courses-refresh").ClickAsync();
        await WaitUntilAsync(() => rejected >= 2);
        Assert.True(refreshGrants > grantsBefore, "the 401 did not make the app renew its token");
        Assert.True(await spa.Page.Locator("#admin").IsVisibleAsync());
        Assert.True(await spa.Page.Locator("#courses-error").IsHiddenAsync());
        await spa.ScreenshotAsync("after-renewals");
        AssertSignedInThroughTheProvider(spa, "ada");
        await spa.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_out_ends_the_session_in_the_app_and_at_the_provider()
    {
        fixture.RequireBrowser();
        var spa = new SpaPage(await fixture.NewPageAsync(), "sign-out");
        await spa.OpenAsync();
        await spa.SignInAsync("lin", "learner");
        var user = (await spa.StoredUserAsync())!;

        await spa.SignOutAsync();
        await spa.ScreenshotAsync("signed-out");
        Assert.Null(await spa.StoredUserAsync());
        Assert.True(await spa.Page.Locator("#whoami").IsHiddenAsync());

        // The provider's session is over: its refresh token no longer works, and signing in asks for the password again.
        using (var http = new HttpClient())
        {
            using var response = await http.PostAsync(new Uri(fixture.Oidc.Authority + "/token"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = user.RefreshToken!,
                ["client_id"] = OidcProvider.ClientId,
            }), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        await spa.OpenProviderLoginAsync();
        Assert.StartsWith(fixture.Oidc.Authority + "/interaction/", spa.Page.Url);
        AssertSignedInThroughTheProvider(spa, "lin");
        await spa.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Development_tokens_are_off_by_default_and_used_only_when_chosen()
    {
        fixture.RequireBrowser();
        var spa = new SpaPage(await fixture.NewPageAsync(), "dev-token");
        await spa.OpenAsync();
        // The option is there (Development host) but closed; the sign-in button is the provider's.
        Assert.True(await spa.Page.Locator("#dev-sign-in").IsVisibleAsync());
        Assert.Null(await spa.Page.Locator("#dev-sign-in").GetAttributeAsync("open"));
        Assert.True(await spa.Page.Locator("#sign-in-subject").IsHiddenAsync());
        Assert.DoesNotContain(spa.ApiCalls, c => c.Url.Contains("/api/dev/tokens", StringComparison.Ordinal));

        await spa.SignInWithDevelopmentTokenAsync("ada", "admin");
        Assert.Equal("development token", await spa.TextAsync("#whoami-mode"));
        await spa.Page.Locator("#courses-table").WaitForAsync();
        await spa.Page.Locator("#courses-refresh").ClickAsync();
        await WaitUntilAsync(() => spa.ApiCalls.Any(c => c.BearerToken is not null));
        Assert.Null(await spa.StoredUserAsync());
        var tokens = spa.ApiCalls.Select(c => c.BearerToken).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains(spa.ApiCalls, c => c.Url.Contains("/api/dev/tokens", StringComparison.Ordinal));
        // The host has no development key here: it asked the provider, whose keys the API validates it with.
        Assert.All(tokens, t => Assert.Equal("scormfunctions-dev-tokens", SpaPage.Claims(t).GetProperty("client_id").GetString()));
        Assert.All(tokens, t => Assert.Equal(fixture.Oidc.Authority, SpaPage.Claims(t).GetProperty("iss").GetString()));
        Assert.True(await spa.Page.Locator("#courses-error").IsHiddenAsync());

        // Signing out of a development session stays in the app (there is no provider session to end).
        await spa.Page.Locator("#sign-out").ClickAsync();
        await spa.Page.Locator("body[data-view='signed-out']").WaitForAsync();
        Assert.StartsWith(fixture.System.Origin + "/", spa.Page.Url);
        await spa.Page.Context.CloseAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 20 s");
            await Task.Delay(100, Ct);
        }
    }
}
