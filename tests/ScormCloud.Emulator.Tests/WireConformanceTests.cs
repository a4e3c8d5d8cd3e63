using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>
/// The emulator behaves like SCORM Cloud where it used to agree only with our client (issue 13). Sources: Rustici's
/// generated V2 clients, RusticiSoftware/scormcloud-api-v2-client-net <c>Api/RegistrationApi.cs</c> (GetRegistrations
/// parameters and remarks) and the models listed in <see cref="ModelShapes"/>.
/// </summary>
public sealed class WireConformanceTests
{
    private static async Task<(EmulatorServer Server, HttpClient Client)> WithCourseAsync(
        string package = "synthetic_scorm12_minimal_autopass.zip", Action<IDictionary<string, string?>>? settings = null)
    {
        var server = await EmulatorServer.StartAsync(settings);
        var client = server.CreateClient();
        await client.ImportAsync("course-1", package);
        return (server, client);
    }

    private static string Since(JsonElement registration, string field) => Uri.EscapeDataString(
        DateTimeOffset.Parse(registration.GetProperty(field).GetString()!, CultureInfo.InvariantCulture).AddMilliseconds(1).ToString("O"));

    // "datetimeFilter: Specifies field that `since` and `until` parameters are applied against (optional, default to created)"
    [Fact]
    public async Task SinceAppliesToCreatedUnlessDatetimeFilterSaysUpdated()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "early");
        var early = await client.GetJsonAsync("registrations/early");
        await Task.Delay(20, Api.Ct);
        await client.CreateRegistrationAsync("course-1", "late");
        await Task.Delay(20, Api.Ct);
        using (var reset = await client.DeleteAsync("registrations/early/progress", Api.Ct)) Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var cut = Since(early, "createdDate");

        var byDefault = await client.GetJsonAsync($"registrations?since={cut}");
        var byCreated = await client.GetJsonAsync($"registrations?since={cut}&datetimeFilter=created");
        var byUpdated = await client.GetJsonAsync($"registrations?since={cut}&datetimeFilter=updated&orderBy=updated_asc");

        Assert.Equal(["late"], CourseTests.Ids(byDefault, "registrations"));
        Assert.Equal(["late"], CourseTests.Ids(byCreated, "registrations"));
        Assert.Equal(["late", "early"], CourseTests.Ids(byUpdated, "registrations"));
    }

    // "orderBy ... (optional, default to created_desc)"
    [Fact]
    public async Task OrderIsNewestCreatedFirstByDefaultAndFollowsOrderBy()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        foreach (var id in new[] { "a", "b", "c" })
        {
            await client.CreateRegistrationAsync("course-1", id);
            await Task.Delay(5, Api.Ct);
        }
        using (var reset = await client.DeleteAsync("registrations/a/progress", Api.Ct)) Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        Assert.Equal(["c", "b", "a"], CourseTests.Ids(await client.GetJsonAsync("registrations"), "registrations"));
        Assert.Equal(["c", "b", "a"], CourseTests.Ids(await client.GetJsonAsync("registrations?orderBy=created_desc"), "registrations"));
        Assert.Equal(["a", "b", "c"], CourseTests.Ids(await client.GetJsonAsync("registrations?orderBy=created_asc"), "registrations"));
        Assert.Equal(["b", "c", "a"], CourseTests.Ids(await client.GetJsonAsync("registrations?orderBy=updated_asc"), "registrations"));
        Assert.Equal(["a", "c", "b"], CourseTests.Ids(await client.GetJsonAsync("registrations?orderBy=updated_desc"), "registrations"));
    }

    [Theory]
    [InlineData("registrations?datetimeFilter=launched")]
    [InlineData("registrations?orderBy=title_asc")]
    public async Task UnknownFilterFieldOrOrderIs400(string url)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var error = await client.GetJsonAsync(url, HttpStatusCode.BadRequest);

        ModelShapes.Check(error, "MessageSchema");
    }

    // "When passing this token, no other filter parameters can be sent as part of the request. The resources will
    // continue to respect the filters passed in by the original request."
    [Fact]
    public async Task MoreKeepsTheOriginalFiltersAndOrderAndRefusesAnyOther()
    {
        var (server, client) = await WithCourseAsync(settings: s => s["Emulator:PageSize"] = "2");
        await using var serverScope = server;
        using var clientScope = client;
        await client.ImportAsync("course-2", "synthetic_scorm2004_4th_minimal_autopass.zip");
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            await client.CreateRegistrationAsync("course-1", id);
            await Task.Delay(5, Api.Ct);
        }
        await client.CreateRegistrationAsync("course-2", "other");

        var first = await client.GetJsonAsync("registrations?courseId=course-1&orderBy=created_asc&since=2000-01-01T00:00:00Z&datetimeFilter=updated");
        var more = Uri.EscapeDataString(first.GetProperty("more").GetString()!);
        var second = await client.GetJsonAsync($"registrations?more={more}");
        var withCourse = await client.GetJsonAsync($"registrations?more={more}&courseId=course-1", HttpStatusCode.BadRequest);
        var withInclude = await client.GetJsonAsync($"registrations?includeRuntime=true&more={more}", HttpStatusCode.BadRequest);

        Assert.Equal(["r1", "r2"], CourseTests.Ids(first, "registrations"));
        Assert.Equal(["r3"], CourseTests.Ids(second, "registrations"));
        Assert.False(second.TryGetProperty("more", out _));
        ModelShapes.Check(withCourse, "MessageSchema");
        ModelShapes.Check(withInclude, "MessageSchema");
    }

    // SettingItem: id, effectiveValue, effectiveValueSource, explicitValue, metadata — no "value"; metadata only on request.
    [Fact]
    public async Task ConfigurationHasNoValueAndMetadataOnlyWhenAsked()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1", new
        {
            url = "http://127.0.0.1:9/pb", authType = "HTTPBASIC", userName = "u", password = "p", resultsFormat = "FULL", legacy = false,
        });

        var plain = await client.GetJsonAsync("registrations/reg-1/configuration");
        var withMetadata = await client.GetJsonAsync("registrations/reg-1/configuration?includeMetadata=true");

        var seen = ModelShapes.Check(plain, "SettingListSchema");
        Assert.DoesNotContain("SettingItem.metadata", seen);
        var url = plain.GetProperty("settingItems").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "ApiRollupRegistrationPostBackUrl");
        Assert.Equal("http://127.0.0.1:9/pb", url.GetProperty("effectiveValue").GetString());
        Assert.Equal("http://127.0.0.1:9/pb", url.GetProperty("explicitValue").GetString());
        Assert.Equal("registration", url.GetProperty("effectiveValueSource").GetString());
        await client.CreateRegistrationAsync("course-1", "reg-2");
        var unset = (await client.GetJsonAsync("registrations/reg-2/configuration")).GetProperty("settingItems").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == "ApiRollupRegistrationPostBackUrl");
        Assert.False(unset.TryGetProperty("explicitValue", out _));
        Assert.Equal("default", unset.GetProperty("effectiveValueSource").GetString());
        Assert.Contains("SettingMetadata.settingDescription", ModelShapes.Check(withMetadata, "SettingListSchema"));
    }

    // RuntimeInteractionSchema.type: TrueFalse|Choice|FillIn|LongFillIn|Likert|Matching|Performance|Sequencing|Numeric|Other;
    // RuntimeObjectiveSchema.runtimeObjectiveCompletionStatus: UNKNOWN|COMPLETED|INCOMPLETE|NOT_ATTEMPTED|BROWSED.
    [Fact]
    public async Task Scorm12InteractionsAndObjectivesUseTheModelEnums()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1");
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        string[] types = ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"];
        string[] statuses = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"];
        var interactions = string.Join(",", types.Select((t, i) => $$"""{"id":"q{{i}}","type":"{{t}}","result":"correct"}"""));
        var objectives = string.Join(",", statuses.Select((s, i) => $$$"""{"id":"o{{{i}}}","status":"{{{s}}}","score":{"raw":"1"}}"""));
        var commit = Api.Commit("scorm12-commit.json")
            .Replace("\"objectives\":{}", $"\"objectives\":[{objectives}]", StringComparison.Ordinal)
            .Replace("\"interactions\":{}", $"\"interactions\":[{interactions}]", StringComparison.Ordinal);
        await Api.CommitAsync(commitUrl, commit);

        var r = await client.GetJsonAsync("registrations/reg-1?includeChildResults=true&includeRuntime=true&includeInteractionsAndObjectives=true");

        ModelShapes.Check(r, "RegistrationSchema");
        var runtime = Runtime(r);
        Assert.Equal(["TrueFalse", "Choice", "FillIn", "Matching", "Performance", "Sequencing", "Likert", "Numeric"],
            runtime.GetProperty("runtimeInteractions").EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(["COMPLETED", "COMPLETED", "INCOMPLETE", "INCOMPLETE", "BROWSED", "NOT_ATTEMPTED"],
            runtime.GetProperty("runtimeObjectives").EnumerateArray().Select(o => o.GetProperty("runtimeObjectiveCompletionStatus").GetString()));
        Assert.Equal(["PASSED", "UNKNOWN", "FAILED", "UNKNOWN", "UNKNOWN", "UNKNOWN"],
            runtime.GetProperty("runtimeObjectives").EnumerateArray().Select(o => o.GetProperty("runtimeObjectiveSuccessStatus").GetString()));
    }

    [Fact]
    public async Task Scorm2004InteractionsAndObjectivesUseTheModelEnums()
    {
        var (server, client) = await WithCourseAsync("synthetic_scorm2004_4th_minimal_autopass.zip");
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1");
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        string[] types = ["long-fill-in", "other", "true-false"];
        string[] completions = ["not attempted", "completed", "incomplete", "unknown"];
        var interactions = string.Join(",", types.Select((t, i) => $$"""{"id":"q{{i}}","type":"{{t}}"}"""));
        var objectives = string.Join(",", completions.Select((c, i) => $$"""{"id":"o{{i}}","completion_status":"{{c}}","success_status":"unknown"}"""));
        var commit = Api.Commit("scorm2004-commit.json")
            .Replace("\"objectives\":{}", $"\"objectives\":[{objectives}]", StringComparison.Ordinal)
            .Replace("\"interactions\":{}", $"\"interactions\":[{interactions}]", StringComparison.Ordinal);
        await Api.CommitAsync(commitUrl, commit);

        var r = await client.GetJsonAsync("registrations/reg-1?includeChildResults=true&includeRuntime=true&includeInteractionsAndObjectives=true");

        ModelShapes.Check(r, "RegistrationSchema");
        var runtime = Runtime(r);
        Assert.Equal(["LongFillIn", "Other", "TrueFalse"],
            runtime.GetProperty("runtimeInteractions").EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(["NOT_ATTEMPTED", "COMPLETED", "INCOMPLETE", "UNKNOWN"],
            runtime.GetProperty("runtimeObjectives").EnumerateArray().Select(o => o.GetProperty("runtimeObjectiveCompletionStatus").GetString()));
    }

    // LaunchLinkRequestSchema (net v4.0.0): redirectOnExitUrl "(required)"; "If not specified, configured value will be used".
    [Fact]
    public async Task LaunchLinkNeedsRedirectOnExitUrlButAcceptsEmpty()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1");

        using var missing = await client.PostAsJsonAsync("registrations/reg-1/launchLink", new { expiry = 60 }, Api.Ct);
        using var empty = await client.PostAsJsonAsync("registrations/reg-1/launchLink", new { redirectOnExitUrl = "" }, Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        ModelShapes.Check(await missing.JsonAsync(), "MessageSchema");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        ModelShapes.Check(await empty.JsonAsync(), "LaunchLinkSchema");
    }

    /// <summary>Every response the project reads, checked against the official models.</summary>
    [Fact]
    public async Task EveryResponseWeReadMatchesTheOfficialModels()
    {
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1", new
        {
            url = "http://127.0.0.1:9/pb", authType = "FORM", userName = "u", password = "p", resultsFormat = "FULL", legacy = false,
        });
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));
        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-commit.json"));

        ModelShapes.Check(await client.GetJsonAsync("ping"), "PingSchema");
        ModelShapes.Check(await client.GetJsonAsync("courses"), "CourseListSchema");
        ModelShapes.Check(await client.GetJsonAsync("courses/course-1"), "CourseSchema");
        ModelShapes.Check(await client.GetJsonAsync("courses/missing", HttpStatusCode.NotFound), "MessageSchema");
        using (var upload = await client.UploadAsync("course-2", RepoPaths.Package("synthetic_scorm12_minimal_autopass.zip")))
        {
            var job = await upload.JsonAsync();
            ModelShapes.Check(job, "StringResultSchema");
            ModelShapes.Check(await client.WaitForJobAsync(job.GetProperty("result").GetString()!), "ImportJobResultSchema");
        }
        ModelShapes.Check(await client.GetJsonAsync("registrations/reg-1"), "RegistrationSchema");
        var full = ModelShapes.Check(await client.GetJsonAsync(
            "registrations/reg-1?includeChildResults=true&includeRuntime=true&includeInteractionsAndObjectives=true"), "RegistrationSchema");
        Assert.Contains("RuntimeSchema.completionStatus", full);
        ModelShapes.Check(await client.GetJsonAsync("registrations?includeChildResults=true&includeRuntime=true"), "RegistrationListSchema");
        ModelShapes.Check(await client.GetJsonAsync("registrations/missing", HttpStatusCode.NotFound), "MessageSchema");
        ModelShapes.Check(await client.GetJsonAsync("registrations/reg-1/configuration?includeMetadata=true"), "SettingListSchema");
        ModelShapes.Check(await client.GetJsonAsync("courses/course-1/configuration?includeMetadata=true"), "SettingListSchema");
        using (var retake = await client.PostAsync("registrations/reg-1/instances", null, Api.Ct)) Assert.Equal(HttpStatusCode.NoContent, retake.StatusCode);
        ModelShapes.Check(await client.GetJsonAsync("registrations/reg-1/instances?includeChildResults=true&includeRuntime=true"), "RegistrationListSchema");
        var instance = ModelShapes.Check(await client.GetJsonAsync(
            "registrations/reg-1/instances/0?includeChildResults=true&includeRuntime=true&includeInteractionsAndObjectives=true"), "RegistrationSchema");
        Assert.Contains("RuntimeSchema.completionStatus", instance);
    }

    [Fact]
    public async Task PostbackPayloadsAreRegistrationSchemas()
    {
        await using var receiver = await PostbackReceiver.StartAsync();
        var (server, client) = await WithCourseAsync();
        await using var serverScope = server;
        using var clientScope = client;
        await client.CreateRegistrationAsync("course-1", "reg-1", new
        {
            url = receiver.Url.ToString(), authType = "HTTPBASIC", userName = "u", password = "p", resultsFormat = "FULL", legacy = false,
        });
        var commitUrl = await Api.LaunchAsync(server, await client.LaunchLinkAsync("reg-1"));

        await Api.CommitAsync(commitUrl, Api.Commit("scorm12-terminate.json"), terminate: true);
        var posted = await receiver.NextAsync();

        var seen = ModelShapes.Check(JsonDocument.Parse(posted.Body).RootElement, "RegistrationSchema");
        Assert.Contains("ActivityResultSchema.runtime", seen);
    }

    private static JsonElement Runtime(JsonElement registration)
    {
        var root = registration.GetProperty("activityDetails");
        if (root.TryGetProperty("runtime", out var runtime)) return runtime;
        return root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("runtime")).First();
    }
}
