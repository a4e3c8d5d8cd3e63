using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ScormFunctions.Testing;

namespace ScormFunctions.Browser.Tests;

/// <summary>
/// The sample SPA in headless Chromium against the real local system: uploads straight to Blob Storage (Azurite) with
/// a progress bar, imports into the emulator, assignment, launch into the emulator's player running the real package
/// with scorm-again, the return to the app, postbacks, overrides and the CSV. Every user signs in through the local
/// OpenID Connect provider's login page, and every API call the page makes carries that provider's access token (never
/// a development token). Screenshots of each step go to artifacts/browser-screenshots/.
/// </summary>
public sealed partial class SpaEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string GolfTitle = "Golf Explained - Run-time Basic Calls";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("scorm12_golf_runtime_basic_calls_single_sco.zip", "golf-12", "SCORM12")]
    [InlineData("scorm2004_3rd_golf_runtime_basic_calls_single_sco.zip", "golf-2004", "SCORM20043RDEDITION")]
    public async Task Admin_uploads_a_golf_package_in_blocks_with_progress_and_the_import_succeeds(string package, string courseId, string standard)
    {
        fixture.RequireBrowser();
        var spa = new SpaPage(await fixture.NewPageAsync(), $"upload-{courseId}");
        await spa.OpenAsync();
        await spa.ScreenshotAsync("sign-in");
        await spa.SignInAsync("ada", "admin");

        // 64 KiB blocks: the ~400 KB package goes up in 6–7 Put Block requests, each moving the bar.
        var outcome = await spa.UploadAsync(RepoPaths.Package(package), courseId, blockKiB: 64);
        await spa.ScreenshotAsync("imported");

        Assert.True(outcome.Status == "succeeded", $"import ended '{outcome.Status}': {outcome.Error}");
        Assert.Equal(GolfTitle, outcome.Title);
        Assert.Equal(standard, outcome.Standard);
        Assert.Equal("", outcome.Error);
        Assert.Equal(100, outcome.Progress.Max());
        Assert.Contains(outcome.Progress, p => p is > 0 and < 100);
        Assert.True(outcome.Progress.Distinct().Count() >= 4, $"progress values: {string.Join(", ", outcome.Progress)}");
        await spa.WaitForCourseRowAsync(courseId, GolfTitle);
        AssertSignedInThroughTheProvider(spa, "ada");
        await spa.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Learner_launches_the_scorm12_autopass_course_and_sees_the_result_back_in_the_app()
    {
        fixture.RequireBrowser();
        var admin = await AssignAsync("synthetic_scorm12_minimal_autopass.zip", "autopass-12", "Synthetic SCORM 1.2 Auto-Pass Course",
            "grace", "Grace", "Hopper", "scorm12");

        var learner = new SpaPage(await fixture.NewPageAsync(), "scorm12-learner");
        await learner.OpenAsync();
        await learner.SignInAsync("grace", "learner");
        await learner.MyCourseRow("autopass-12").WaitForAsync();
        await learner.ScreenshotAsync("my-courses");

        // Launch: the page POSTs for our signed URL (on our origin, never SCORM Cloud's) and navigates to it.
        string? launchBody = null;
        var navigations = new List<string>();
        learner.Page.FrameNavigated += (_, frame) => { if (frame == learner.Page.MainFrame) navigations.Add(frame.Url); };
        await learner.Page.RouteAsync("**/api/registrations/*/launch", async route =>
        {
            if (route.Request.Method != "POST") { await route.ContinueAsync(); return; }
            var response = await route.FetchAsync();
            launchBody = await response.TextAsync();
            await route.FulfillAsync(new() { Response = response });
        });
        await learner.LaunchAsync("autopass-12");
        var launchUrl = JsonDocument.Parse(launchBody!).RootElement.GetProperty("launchUrl").GetString();
        Assert.StartsWith(fixture.System.Origin + "/api/registrations/", launchUrl);
        Assert.Contains(navigations, u => u.StartsWith(fixture.System.Emulator!.Origin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
        await learner.ScreenshotAsync("player");

        await learner.FinishAndReturnAsync(fixture.System.BaseUrl);
        var result = await learner.WaitForResultAsync();
        await learner.ScreenshotAsync("result");
        AssertAutopass(result, "autopass-12");
        await AssertMyCourseRowAsync(learner, "autopass-12");

        // The admin sees reported, override and effective results, overrides, clears, and downloads the CSV.
        await admin.Page.Locator("#registrations-refresh").ClickAsync();
        var row = admin.RegistrationRow("grace");
        await row.Locator(".reported [data-field='completion']").Filter(new() { HasText = "completed" }).WaitForAsync();
        Assert.Equal("passed", await row.Locator(".reported [data-field='success']").TextContentAsync());
        Assert.Equal("85", await row.Locator(".reported [data-field='score']").TextContentAsync());

        await row.GetByRole(AriaRole.Button, new() { Name = "Override…" }).ClickAsync();
        var form = admin.Page.Locator("#registrations-table tr.form-row:not([hidden]) form");
        await form.Locator("input[name='score']").FillAsync("95");
        await form.Locator("input[name='reason']").FillAsync("Re-marked the essay question");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save override" }).ClickAsync();
        row = admin.RegistrationRow("grace");
        await row.Locator(".effective [data-field='score']").Filter(new() { HasText = "95" }).WaitForAsync();
        Assert.Equal("85", await row.Locator(".reported [data-field='score']").TextContentAsync());
        Assert.Contains("Re-marked the essay question", await row.Locator(".override-cell").TextContentAsync());
        // The result and then the override reached the development webhook as signed events, shown newest first.
        var received = admin.Page.Locator($"#events-table tbody tr[data-registration-id='{await row.GetAttributeAsync("data-registration-id")}']");
        await received.First.Locator(".effective").Filter(new() { HasText = "overridden" }).WaitForAsync();
        Assert.Contains("95", await received.First.Locator(".score").TextContentAsync());
        Assert.Contains("#1", await received.Last.TextContentAsync());
        await admin.ScreenshotAsync("override");
        await admin.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "spa-admin.png"), FullPage = true });

        var download = await admin.Page.RunAndWaitForDownloadAsync(() => admin.Page.Locator("#registrations-csv").ClickAsync());
        var csvPath = Path.Combine(BrowserFixture.ScreenshotDirectory, "autopass-12-registrations.csv");
        await download.SaveAsAsync(csvPath);
        var csv = await File.ReadAllTextAsync(csvPath, Ct);
        Assert.Equal("autopass-12-registrations.csv", download.SuggestedFilename);
        Assert.Contains("grace", csv, StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = "Override…" }).ClickAsync();
        form = admin.Page.Locator("#registrations-table tr.form-row:not([hidden]) form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Clear override" }).ClickAsync();
        await admin.RegistrationRow("grace").Locator(".effective [data-field='score']").Filter(new() { HasText = "85" }).WaitForAsync();
        Assert.Equal("—", (await admin.RegistrationRow("grace").Locator(".override-cell").TextContentAsync())?.Trim());
        await admin.ScreenshotAsync("override-cleared");

        AssertSignedInThroughTheProvider(learner, "grace");
        AssertSignedInThroughTheProvider(admin, "ada");
        await learner.Page.Context.CloseAsync();
        await admin.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Learner_launches_the_scorm2004_autopass_course_and_sees_the_result_back_in_the_app()
    {
        fixture.RequireBrowser();
        var admin = await AssignAsync("synthetic_scorm2004_4th_minimal_autopass.zip", "autopass-2004", "Synthetic SCORM 2004 Auto-Pass Course",
            "linus", "Linus", "Torvalds", "scorm2004");
        await admin.Page.Context.CloseAsync();

        var learner = new SpaPage(await fixture.NewPageAsync(), "scorm2004-learner");
        await learner.OpenAsync();
        await learner.SignInAsync("linus", "learner");
        await learner.MyCourseRow("autopass-2004").WaitForAsync();
        await learner.LaunchAsync("autopass-2004");
        await learner.ScreenshotAsync("player");

        await learner.FinishAndReturnAsync(fixture.System.BaseUrl);
        var result = await learner.WaitForResultAsync();
        await learner.ScreenshotAsync("result");
        // SCORM 2004 reports scaled 0.85: the API's score is 85.
        AssertAutopass(result, "autopass-2004");
        await AssertMyCourseRowAsync(learner, "autopass-2004");
        AssertSignedInThroughTheProvider(admin, "ada");
        AssertSignedInThroughTheProvider(learner, "linus");
        await learner.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Learner_who_closes_the_player_without_exiting_still_gets_the_result_by_postback()
    {
        fixture.RequireBrowser();
        var admin = await AssignAsync("synthetic_scorm12_minimal_autopass.zip", "autopass-close", "Synthetic SCORM 1.2 Auto-Pass Course",
            "ken", "Ken", "Thompson", "close");
        await admin.Page.Context.CloseAsync();

        var learner = new SpaPage(await fixture.NewPageAsync(), "close-learner");
        await learner.OpenAsync();
        await learner.SignInAsync("ken", "learner");
        await learner.MyCourseRow("autopass-close").WaitForAsync();
        await learner.LaunchAsync("autopass-close");
        await learner.ScreenshotAsync("player");
        // The learner closes the tab: no Finish click, no exit endpoint; only the SCO's commit and SCORM Cloud's postback.
        await learner.Page.Context.CloseAsync();
        AssertSignedInThroughTheProvider(learner, "ken");

        // A development token (from the host, which asks the provider) for the test's own look through the API.
        using var api = await fixture.System.ClientForAsync("ken", "learner");
        JsonElement registration = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var page = await api.GetFromJsonAsync<JsonElement>("api/learners/ken/registrations", Ct);
            registration = page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("courseId").GetString() == "autopass-close");
            if (registration.GetProperty("reported").GetProperty("completion").GetString() == "completed") break;
            await Task.Delay(500, Ct);
        }
        var reported = registration.GetProperty("reported");
        Assert.Equal("completed", reported.GetProperty("completion").GetString());
        Assert.Equal("passed", reported.GetProperty("success").GetString());
        Assert.Equal(85, reported.GetProperty("score").GetDouble());
        Assert.Equal(90, reported.GetProperty("totalSeconds").GetDouble());

        // A fresh page (new tab, new session) shows it too.
        var fresh = new SpaPage(await fixture.NewPageAsync(), "close-fresh");
        await fresh.OpenAsync();
        await fresh.SignInAsync("ken", "learner");
        await AssertMyCourseRowAsync(fresh, "autopass-close");
        await fresh.ScreenshotAsync("my-courses");
        AssertSignedInThroughTheProvider(fresh, "ken");
        await fresh.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Uploading_a_file_that_is_not_a_zip_shows_the_error_in_the_page()
    {
        fixture.RequireBrowser();
        var spa = new SpaPage(await fixture.NewPageAsync(), "not-a-zip");
        await spa.OpenAsync();
        await spa.SignInAsync("ada", "admin");

        var outcome = await spa.UploadAsync(RepoPaths.Package("edge_not_a_zip.zip"), "not-a-zip");
        await spa.ScreenshotAsync("error");

        Assert.Equal("failed", outcome.Status);
        Assert.Contains("not a valid zip archive", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(100, outcome.Progress.Max()); // the upload itself worked; the import refused the file
        Assert.True(await spa.Page.Locator("#import-error").IsVisibleAsync());
        AssertSignedInThroughTheProvider(spa, "ada");
        await spa.Page.Context.CloseAsync();
    }

    /// <summary>An admin page that uploaded <paramref name="package"/> as <paramref name="courseId"/> and assigned it.</summary>
    private async Task<SpaPage> AssignAsync(string package, string courseId, string title, string learnerId, string first, string last, string name)
    {
        var admin = new SpaPage(await fixture.NewPageAsync(), $"{name}-admin");
        await admin.OpenAsync();
        await admin.SignInAsync("ada", "admin");
        var outcome = await admin.UploadAsync(RepoPaths.Package(package), courseId);
        Assert.True(outcome.Status == "succeeded", $"import ended '{outcome.Status}': {outcome.Error}");
        Assert.Equal(title, outcome.Title);
        await admin.WaitForCourseRowAsync(courseId, title);
        await admin.AssignAsync(courseId, learnerId, first, last);
        await admin.RegistrationRow(learnerId).WaitForAsync();
        await admin.ScreenshotAsync("assigned");
        return admin;
    }

    /// <summary>
    /// Every API call the page made to our host carried an access token the provider issued to the app for
    /// <paramref name="subject"/> after the login page (RS256, the provider's issuer, the app's client id), and the page
    /// never asked for a development token.
    /// </summary>
    private void AssertSignedInThroughTheProvider(SpaPage spa, string subject)
    {
        var calls = spa.ApiCalls.Where(c => c.Url.StartsWith(fixture.System.Origin + "/", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(calls, c => c.Url.Contains("/api/dev/tokens", StringComparison.Ordinal));
        var tokens = calls.Select(c => c.BearerToken).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(tokens);
        foreach (var token in tokens)
        {
            var claims = SpaPage.Claims(token);
            Assert.Equal("RS256", SpaPage.Header(token).GetProperty("alg").GetString());
            Assert.Equal(fixture.Oidc.Authority, claims.GetProperty("iss").GetString());
            Assert.Equal(OidcProvider.ClientId, claims.GetProperty("client_id").GetString());
            Assert.Equal(OidcProvider.Audience, claims.GetProperty("aud").GetString());
            Assert.Equal(subject, claims.GetProperty("sub").GetString());
        }
    }

    private static void AssertAutopass(IReadOnlyDictionary<string, string> result, string courseId)
    {
        Assert.Equal(courseId, result["course"]);
        Assert.Equal("completed", result["completion"]);
        Assert.Equal("passed", result["success"]);
        Assert.Equal("85", result["score"]);
        Assert.Equal("90 s", result["time"]);
    }

    private static async Task AssertMyCourseRowAsync(SpaPage learner, string courseId)
    {
        var row = learner.MyCourseRow(courseId);
        await row.Locator("[data-field='completion']").Filter(new() { HasText = "completed" }).WaitForAsync();
        Assert.Equal("passed", await row.Locator("[data-field='success']").TextContentAsync());
        Assert.Equal("85", await row.Locator("[data-field='score']").TextContentAsync());
        Assert.Equal("90 s", await row.Locator("[data-field='time']").TextContentAsync());
    }
}
