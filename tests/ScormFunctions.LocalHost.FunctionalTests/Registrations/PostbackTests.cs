using System.Net;
using System.Text.Json;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>The postback receiver on real HTTP: credentials, formats, malformed and hostile payloads, unknown registrations.</summary>
public sealed class PostbackTests : IAsyncLifetime
{
    private RegistrationHarness h = null!;
    private HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        // Form mode accepts both deliveries (httpbasic posts still carry their credentials in the header); in the
        // default HttpBasic mode form posts are refused outright (HardeningTests, issue 12 item 1).
        h = await StartAsync(postbackAuthType: "Form");
        await h.ImportCourseAsync("course-1");
        admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await h.DisposeAsync();
    }

    private static string Report(string id = "reg-1", string completion = "COMPLETED", double score = 85, int minutesAgo = 0) =>
        JsonSerializer.Serialize(new
        {
            id, instance = 0, updated = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), registrationCompletion = completion,
            registrationSuccess = "PASSED", score = new { scaled = score }, totalSecondsTracked = 90,
            course = new { id = "course-1" }, learner = new { id = "learner-1" },
        });

    [Fact]
    public async Task WrongMissingOrForeignCredentialsAre401AndChangeNothing()
    {
        await AssignAsync(admin, "course-1", "learner-2", "reg-2");

        using var wrong = await h.PostbackAsync(Report(), "reg-1", "not-the-password");
        using var missing = await h.PostbackAsync(Report(), null, null);
        using var otherRegistrations = await h.PostbackAsync(Report(), "reg-1", h.PostbackPassword("reg-2"));
        using var formWrong = await h.FormPostbackAsync(Report(), "userName", "reg-1", "nope");
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherRegistrations.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, formWrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unknown", r.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Empty(await h.ArchivedAsync("reg-1"));
    }

    [Fact]
    public async Task ReportForAnotherRegistrationUnderTheseCredentialsIs403()
    {
        using var response = await h.PostbackAsync(Report(id: "reg-9"), "reg-1", h.PostbackPassword("reg-1"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("userName")]
    [InlineData("username")]
    public async Task FormDeliveryWithEitherUserFieldSpellingIsApplied(string userField)
    {
        using var response = await h.FormPostbackAsync(Report(), userField, "reg-1", h.PostbackPassword("reg-1"));
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", r.GetProperty("reported").GetProperty("completion").GetString());
    }

    [Fact]
    public async Task HttpBasicForARegistrationIdWithAColonIsApplied()
    {
        // SCORM Cloud sends Basic base64("{id}:{password}"); ids may contain ':'.
        await AssignAsync(admin, "course-1", "learner-1", "course-1:learner-1");

        using var response = await h.PostbackAsync(Report(id: "course-1:learner-1"), "course-1:learner-1", h.PostbackPassword("course-1:learner-1"));
        var r = await GetJsonAsync(admin, "api/registrations/course-1%3Alearner-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", r.GetProperty("reported").GetProperty("completion").GetString());
    }

    [Fact]
    public async Task SamePostbackTwiceIsADuplicateAndAnOlderOneIsStale()
    {
        var report = Report();
        using var first = await h.PostbackAsync(report, "reg-1", h.PostbackPassword("reg-1"));
        using var again = await h.PostbackAsync(report, "reg-1", h.PostbackPassword("reg-1"));
        using var older = await h.PostbackAsync(Report(completion: "INCOMPLETE", score: 5, minutesAgo: 10), "reg-1", h.PostbackPassword("reg-1"));
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal("applied", (await JsonAsync(first)).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await JsonAsync(again)).GetProperty("outcome").GetString());
        Assert.Equal("stale", (await JsonAsync(older)).GetProperty("outcome").GetString());
        Assert.Equal("completed", r.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Equal(85, r.GetProperty("reported").GetProperty("score").GetDouble());
        Assert.Equal(3, (await h.ArchivedAsync("reg-1")).Count);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("plain text")]
    [InlineData("<registrationreport><complete>complete</complete></registrationreport>")]
    [InlineData("<unclosed")]
    public async Task MalformedPayloadIs400AndArchived(string payload)
    {
        using var response = await h.PostbackAsync(payload, "reg-1", h.PostbackPassword("reg-1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(await h.ArchivedAsync("reg-1"));
    }

    [Fact]
    public async Task XxePayloadIs400AndTheFileIsNeverRead()
    {
        var secret = Path.Combine(Path.GetTempPath(), "xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        var marker = "XXE-MARKER-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(secret, marker, Ct);
        try
        {
            var xxe = $"""
                <?xml version="1.0"?>
                <!DOCTYPE registrationreport [ <!ENTITY leak SYSTEM "file://{secret}"> ]>
                <registrationreport format="course" regid="reg-1" instanceid="0"><complete>complete</complete><success>passed</success><totaltime>90</totaltime><score>&leak;</score></registrationreport>
                """;
            var lastAccess = File.GetLastAccessTimeUtc(secret);

            using var basic = await h.PostbackAsync(xxe, "reg-1", h.PostbackPassword("reg-1"), "text/xml");
            using var form = await h.FormPostbackAsync(xxe, "username", "reg-1", h.PostbackPassword("reg-1"));
            var basicText = await basic.Content.ReadAsStringAsync(Ct);
            var formText = await form.Content.ReadAsStringAsync(Ct);
            var r = await GetJsonAsync(admin, "api/registrations/reg-1");

            Assert.Equal(HttpStatusCode.BadRequest, basic.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
            Assert.DoesNotContain(marker, basicText, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, formText, StringComparison.Ordinal);
            Assert.Contains("DTD", basicText, StringComparison.Ordinal);
            Assert.Equal("unknown", r.GetProperty("reported").GetProperty("completion").GetString());
            Assert.All(await h.ArchivedAsync("reg-1"), a => Assert.DoesNotContain(marker, a.Content, StringComparison.Ordinal));
            Assert.Equal(lastAccess, File.GetLastAccessTimeUtc(secret));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task LegacyV1XmlReportIsApplied()
    {
        const string Xml = """<?xml version="1.0" encoding="utf-8"?><rsp stat="ok"><registrationreport format="course" regid="reg-1" instanceid="0"><complete>complete</complete><success>passed</success><totaltime>90</totaltime><score>85</score></registrationreport></rsp>""";

        using var response = await h.FormPostbackAsync(Xml, "username", "reg-1", h.PostbackPassword("reg-1"));
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", r.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Equal("passed", r.GetProperty("reported").GetProperty("success").GetString());
        Assert.Equal(85, r.GetProperty("reported").GetProperty("score").GetDouble());
        Assert.Equal(90, r.GetProperty("reported").GetProperty("totalSeconds").GetDouble());
    }

    [Fact]
    public async Task UnknownOrDeletedRegistrationIsAcknowledgedWith200AndArchived()
    {
        // Valid credentials (derived from our key) for an id we have no record of, e.g. deleted meanwhile.
        using var response = await h.PostbackAsync(Report(id: "reg-gone"), "reg-gone", h.PostbackPassword("reg-gone"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unknown", (await JsonAsync(response)).GetProperty("outcome").GetString());
        Assert.Single(await h.ArchivedAsync("reg-gone"));
        await GetJsonAsync(admin, "api/registrations/reg-gone", HttpStatusCode.NotFound);
    }
}
