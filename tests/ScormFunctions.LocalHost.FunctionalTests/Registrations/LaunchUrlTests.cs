using System.Net;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>Our signed launch URL: single use, tamper-evident, short-lived, with a page that says what to do.</summary>
public sealed class LaunchUrlTests : IAsyncLifetime
{
    private RegistrationHarness h = null!;
    private HttpClient learner = null!;
    private readonly HttpClient browser = new(new HttpClientHandler { AllowAutoRedirect = false });

    public async ValueTask InitializeAsync()
    {
        h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        learner = await h.LearnerAsync("learner-1");
    }

    public async ValueTask DisposeAsync()
    {
        browser.Dispose();
        learner.Dispose();
        await h.DisposeAsync();
    }

    [Fact]
    public async Task LaunchAnswersAUrlOnOurHostExpiringWithinTwoMinutes()
    {
        using var response = await learner.PostAsync("api/registrations/reg-1/launch", null, Ct);
        var body = await JsonAsync(response);

        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2).AddSeconds(1));
        var url = new Uri(body.GetProperty("launchUrl").GetString()!);
        Assert.Equal(h.Server.BaseUrl.Authority, url.Authority);
        Assert.Contains("sig=", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondUseIs410WithAnExplanation()
    {
        var url = await LaunchUrlAsync(learner, "reg-1");

        using var first = await browser.GetAsync(url, Ct);
        using var second = await Html(url);
        var page = await second.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already been used", page, StringComparison.Ordinal);
        Assert.Contains("Launch again", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sig")]
    [InlineData("exp")]
    [InlineData("nonce")]
    [InlineData("registration")]
    public async Task TamperedUrlIs403(string part)
    {
        var url = (await LaunchUrlAsync(learner, "reg-1")).ToString();
        var tampered = part switch
        {
            "sig" => url[..^2] + (url.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"),
            "exp" => System.Text.RegularExpressions.Regex.Replace(url, "exp=(\\d+)", m => "exp=" + (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 3600)),
            "nonce" => url.Replace("nonce=", "nonce=x", StringComparison.Ordinal),
            _ => url.Replace("/reg-1/", "/reg-2/", StringComparison.Ordinal),
        };

        using var response = await browser.GetAsync(tampered, Ct);
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredUrlIs410()
    {
        await using var shortLived = await StartAsync(new Dictionary<string, string?> { ["Registrations:LaunchUrlLifetime"] = "00:00:01" });
        await shortLived.ImportCourseAsync("course-1");
        using var admin = await shortLived.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        var url = await LaunchUrlAsync(admin, "reg-1");

        await Task.Delay(2100, Ct);
        using var response = await browser.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", (await JsonAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Html(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        return browser.SendAsync(request, Ct);
    }
}
