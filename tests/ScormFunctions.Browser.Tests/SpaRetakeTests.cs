using Microsoft.Playwright;

namespace ScormFunctions.Browser.Tests;

/// <summary>Retakes in the sample SPA: the learner's Attempts panel, its Retake button, and what the admin then sees.</summary>
public sealed partial class SpaEndToEndTests
{
    [Fact]
    public async Task Learner_retakes_a_completed_course_and_sees_instance_1_fresh_beside_the_instance_0_history()
    {
        fixture.RequireBrowser();
        var admin = await AssignAsync("synthetic_scorm12_minimal_autopass.zip", "retake-12", "Synthetic SCORM 1.2 Auto-Pass Course",
            "lin", "Lin", "Lovelace", "retake");

        var learner = new SpaPage(await fixture.NewPageAsync(), "retake-learner");
        await learner.OpenAsync();
        await learner.SignInAsync("lin", "learner");
        await learner.MyCourseRow("retake-12").WaitForAsync();
        await learner.LaunchAsync("retake-12");
        await learner.FinishAndReturnAsync(fixture.System.BaseUrl);
        AssertAutopass(await learner.WaitForResultAsync(), "retake-12");
        await AssertMyCourseRowAsync(learner, "retake-12");

        await learner.MyCourseRow("retake-12").GetByRole(AriaRole.Button, new() { Name = "Attempts" }).ClickAsync();
        var attempts = learner.Page.Locator("#my-courses-table tr.attempts-row:not([hidden])");
        await attempts.Locator("tr[data-instance='0'] [data-field='completion']").Filter(new() { HasText = "completed" }).WaitForAsync();
        await learner.ScreenshotAsync("attempts-before");
        await attempts.GetByRole(AriaRole.Button, new() { Name = "Retake" }).ClickAsync();

        // The list reloads: the course row shows instance 1 with nothing reported yet; the panel stays open with both.
        var row = learner.MyCourseRow("retake-12");
        await row.Locator("[data-field='instance']").Filter(new() { HasText = "instance 1" }).WaitForAsync();
        Assert.Equal("unknown", await row.Locator("[data-field='completion']").TextContentAsync());
        Assert.Equal("unknown", await row.Locator("[data-field='success']").TextContentAsync());
        Assert.Equal("—", await row.Locator("[data-field='score']").TextContentAsync());
        Assert.Equal("0 s", await row.Locator("[data-field='time']").TextContentAsync());
        var current = attempts.Locator("tr[data-instance='1']");
        await current.WaitForAsync();
        Assert.Equal("true", await current.GetAttributeAsync("data-current"));
        Assert.Equal("unknown", await current.Locator("[data-field='completion']").TextContentAsync());
        Assert.Equal("—", await current.Locator("[data-field='score']").TextContentAsync());
        var first = attempts.Locator("tr[data-instance='0']");
        Assert.Equal("false", await first.GetAttributeAsync("data-current"));
        Assert.Equal("completed", await first.Locator("[data-field='completion']").TextContentAsync());
        Assert.Equal("passed", await first.Locator("[data-field='success']").TextContentAsync());
        Assert.Equal("85", await first.Locator("[data-field='score']").TextContentAsync());
        Assert.Equal("90 s", await first.Locator("[data-field='time']").TextContentAsync());
        Assert.Equal(2, await attempts.Locator("tbody tr").CountAsync());
        await learner.ScreenshotAsync("attempts-after");

        // The admin sees instance 1 and the same history; the retake's result change reached the webhook as an event.
        await admin.Page.Locator("#registrations-refresh").ClickAsync();
        var adminRow = admin.RegistrationRow("lin");
        await adminRow.Locator("[data-field='instance']").Filter(new() { HasText = "instance 1" }).WaitForAsync();
        Assert.Equal("unknown", await adminRow.Locator(".reported [data-field='completion']").TextContentAsync());
        await adminRow.GetByRole(AriaRole.Button, new() { Name = "Attempts" }).ClickAsync();
        var adminAttempts = admin.Page.Locator("#registrations-table tr.attempts-row:not([hidden])");
        await adminAttempts.Locator("tr[data-instance='1']").WaitForAsync();
        Assert.Equal("85", await adminAttempts.Locator("tr[data-instance='0'] [data-field='score']").TextContentAsync());
        Assert.Equal(1, await adminAttempts.GetByRole(AriaRole.Button, new() { Name = "Retake" }).CountAsync());
        var registrationId = await adminRow.GetAttributeAsync("data-registration-id");
        var received = admin.Page.Locator($"#events-table tbody tr[data-registration-id='{registrationId}']");
        await received.First.Locator("[data-field='completion']").Filter(new() { HasText = "unknown" }).WaitForAsync();
        Assert.Contains("completed", await received.Nth(1).Locator("[data-field='completion']").TextContentAsync());
        await admin.ScreenshotAsync("retaken");

        AssertSignedInThroughTheProvider(learner, "lin");
        AssertSignedInThroughTheProvider(admin, "ada");
        await learner.Page.Context.CloseAsync();
        await admin.Page.Context.CloseAsync();
    }
}
