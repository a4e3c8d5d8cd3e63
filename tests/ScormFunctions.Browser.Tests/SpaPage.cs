using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ScormFunctions.Browser.Tests;

/// <summary>What a user does on the sample SPA, through its visible controls only.</summary>
public sealed partial class SpaPage
{
    private readonly string testName;

    private readonly List<ApiCall> apiCalls = [];

    private int shot;

    public SpaPage(IPage page, string testName)
    {
        Page = page;
        this.testName = testName;
        // Every API call the app makes, with the bearer token it carried: proves where tokens come from.
        page.Request += (_, request) =>
        {
            if (!new Uri(request.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)) return;
            request.Headers.TryGetValue("authorization", out var authorization);
            lock (apiCalls) apiCalls.Add(new ApiCall(request.Method, request.Url, authorization));
        };
    }

    public IPage Page { get; }

    /// <summary>An API request seen in the browser, with its Authorization header (null without one).</summary>
    public sealed record ApiCall(string Method, string Url, string? Authorization)
    {
        public string? BearerToken => Authorization is { } a && a.StartsWith("Bearer ", StringComparison.Ordinal) ? a["Bearer ".Length..] : null;
    }

    public IReadOnlyList<ApiCall> ApiCalls
    {
        get
        {
            lock (apiCalls) return [.. apiCalls];
        }
    }

    public async Task OpenAsync()
    {
        await Page.GotoAsync("/");
        await Page.Locator("body[data-ready='true']").WaitForAsync();
    }

    /// <summary>Sign in → the provider's login page (user name, local password) → back in the app, signed in.</summary>
    public async Task SignInAsync(string subject, string role)
    {
        await OpenProviderLoginAsync();
        await SubmitProviderLoginAsync(subject, ScormFunctions.Testing.OidcProvider.PasswordOf(subject));
        await WaitForSignedInAsync(subject, role);
    }

    /// <summary>Clicks the app's Sign in and waits for the provider's login page.</summary>
    public async Task OpenProviderLoginAsync()
    {
        await Page.Locator("#sign-in-oidc").ClickAsync();
        // Wait for the URL to commit, not for "load": a login page that is already loaded (or loads while the waiter is
        // set up) never fires another load event, and the field below is the real readiness signal.
        await Page.WaitForURLAsync(ProviderLoginUrl(), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Page.Locator("#username").WaitForAsync();
    }

    public async Task SubmitProviderLoginAsync(string user, string password)
    {
        await Page.Locator("#username").FillAsync(user);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#submit-login").ClickAsync();
    }

    public async Task WaitForSignedInAsync(string subject, string role)
    {
        try
        {
            await Page.Locator("body[data-ready='true']").WaitForAsync();
            await Page.Locator("#whoami-subject").Filter(new LocatorFilterOptions { HasText = subject }).WaitForAsync();
            await Page.Locator(role == "admin" ? "#admin" : "#learner").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            var shotPath = await ScreenshotAsync("not-signed-in");
            var notice = await Page.Locator("#notice").CountAsync() > 0 ? await TextAsync("#notice") : "";
            throw new TimeoutException($"Not signed in as {subject} ({role}): at {Page.Url}, notice '{notice}', screenshot {shotPath}", e);
        }
    }

    /// <summary>The explicit switch: opens "Use a development token instead" and asks the host for one.</summary>
    public async Task SignInWithDevelopmentTokenAsync(string subject, string role)
    {
        await Page.Locator("#dev-sign-in summary").ClickAsync();
        await Page.Locator("#sign-in-subject").FillAsync(subject);
        await Page.Locator($"input[name='role'][value='{role}']").CheckAsync();
        await Page.Locator("#sign-in-submit").ClickAsync();
        await WaitForSignedInAsync(subject, role);
    }

    /// <summary>Sign out: the provider ends its session and sends the browser back to the app's sign-in card.</summary>
    public async Task SignOutAsync()
    {
        await Page.Locator("#sign-out").ClickAsync();
        await Page.Locator("body[data-ready='true'][data-view='signed-out']").WaitForAsync();
        await Page.Locator("#sign-in-oidc").WaitForAsync();
    }

    /// <summary>The user oidc-client-ts keeps in sessionStorage (<c>oidc.user:{authority}:{client}</c>), or null.</summary>
    public async Task<StoredUser?> StoredUserAsync()
    {
        var json = await Page.EvaluateAsync<string?>("""
            () => {
              const key = Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:'));
              return key ? sessionStorage.getItem(key) : null;
            }
            """);
        if (json is null) return null;
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return new StoredUser(root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            root.GetProperty("expires_at").GetInt64());
    }

    public sealed record StoredUser(string AccessToken, string? RefreshToken, long ExpiresAt);

    /// <summary>The claims of a JWT (no validation: the API validated it; this is to look at what it carried).</summary>
    public static JsonElement Claims(string jwt) => Part(jwt, 1);

    public static JsonElement Header(string jwt) => Part(jwt, 0);

    private static JsonElement Part(string jwt, int index)
    {
        var part = jwt.Split('.')[index].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        using var doc = JsonDocument.Parse(Convert.FromBase64String(part));
        return doc.RootElement.Clone();
    }

    /// <summary>The import's end as the page shows it, and every value the progress bar took.</summary>
    public sealed record UploadOutcome(string Status, string Title, string Standard, string Error, IReadOnlyList<int> Progress);

    /// <summary>Picks the file, uploads in blocks of <paramref name="blockKiB"/> KiB, waits for the import to end.</summary>
    public async Task<UploadOutcome> UploadAsync(string packagePath, string courseId, int? blockKiB = null)
    {
        await Page.Locator("#upload-file").SetInputFilesAsync(packagePath);
        await Page.Locator("#upload-course-id").FillAsync(courseId);
        await Page.Locator("#upload-block-kib").FillAsync(blockKiB?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        // Record every value the bar takes, as a user would see it change.
        await Page.EvaluateAsync("""
            () => {
              const bar = document.querySelector('#upload-progress');
              window.__progress = [];
              window.__progressObserver?.disconnect();
              window.__progressObserver = new MutationObserver(() => window.__progress.push(Number(bar.dataset.percent ?? bar.value)));
              window.__progressObserver.observe(bar, { attributes: true, attributeFilter: ['value', 'data-percent'] });
            }
            """);
        await Page.Locator("#upload-submit").ClickAsync();
        // The button is enabled again once the import has ended (or was rejected).
        await Page.Locator("#upload-submit:not([disabled])").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await Page.WaitForFunctionAsync("() => document.querySelector('#upload-submit').disabled === false");
        var progress = await Page.EvaluateAsync<int[]>("() => window.__progress");
        var status = await TextAsync("#import-status");
        return new UploadOutcome(status, await TextAsync("#import-title"), await TextAsync("#import-standard"),
            await TextAsync("#import-error"), progress);
    }

    public async Task WaitForCourseRowAsync(string courseId, string title)
    {
        var row = Page.Locator($"#courses-table tr[data-course-id='{courseId}']");
        await row.Filter(new LocatorFilterOptions { HasText = title }).WaitForAsync();
    }

    public async Task AssignAsync(string courseId, string learnerId, string firstName, string lastName)
    {
        await Page.Locator($"#assign-course option[value='{courseId}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Page.Locator("#assign-course").SelectOptionAsync(courseId);
        await Page.Locator("#assign-learner-id").FillAsync(learnerId);
        await Page.Locator("#assign-first-name").FillAsync(firstName);
        await Page.Locator("#assign-last-name").FillAsync(lastName);
        await Page.Locator("#assign-submit").ClickAsync();
        await Page.Locator("#assign-result").Filter(new LocatorFilterOptions { HasText = learnerId }).WaitForAsync();
    }

    public ILocator RegistrationRow(string learnerId) => Page.Locator($"#registrations-table tr[data-learner-id='{learnerId}']");

    public ILocator MyCourseRow(string courseId) => Page.Locator($"#my-courses-table tr[data-course-id='{courseId}']");

    /// <summary>Clicks Launch and waits for the emulator's player to show the SCO's own page.</summary>
    public async Task LaunchAsync(string courseId)
    {
        await MyCourseRow(courseId).GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
        await Page.WaitForURLAsync(PlayerUrl(), new PageWaitForURLOptions { Timeout = 30_000 });
        var sco = Page.FrameLocator("#sco");
        // The synthetic SCO writes this once it has set its results and called Commit.
        await sco.Locator("#s").Filter(new LocatorFilterOptions { HasTextRegex = CommittedText() }).WaitForAsync();
    }

    /// <summary>The SCO's Finish button: Finish/Terminate, then the player sends the window back through our exit endpoint.</summary>
    public async Task FinishAndReturnAsync(Uri appBaseUrl)
    {
        await Page.FrameLocator("#sco").GetByRole(AriaRole.Button, new() { Name = "Finish" }).ClickAsync();
        await Page.WaitForURLAsync(appBaseUrl.ToString(), new PageWaitForURLOptions { Timeout = 30_000 });
        await Page.Locator("body[data-ready='true']").WaitForAsync();
    }

    /// <summary>The result card after coming back: {completion, success, score, time}.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitForResultAsync()
    {
        await Page.Locator("#last-result[data-state='done']").WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
        var fields = new Dictionary<string, string>();
        foreach (var name in new[] { "course", "completion", "success", "score", "time" })
        {
            fields[name] = await TextAsync($"#last-result [data-field='{name}']");
        }
        return fields;
    }

    public async Task<string> TextAsync(string selector) => ((await Page.Locator(selector).TextContentAsync()) ?? "").Trim();

    /// <summary>A full-page PNG under artifacts/browser-screenshots/, numbered in step order.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{testName}-{++shot:00}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    [GeneratedRegex("/api/cloud/registration/player/")]
    private static partial Regex PlayerUrl();

    [GeneratedRegex("/interaction/")]
    private static partial Regex ProviderLoginUrl();

    [GeneratedRegex("committed")]
    private static partial Regex CommittedText();
}
