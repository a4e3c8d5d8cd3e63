using System.Net;
using System.Text.Json;
using ScormCloud.Client.Models;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

/// <summary>
/// Where this client used to disagree with SCORM Cloud itself (issue 13). Each case is settled by Rustici's generated
/// V2 clients: RusticiSoftware/scormcloud-api-v2-client-net <c>src/Com.RusticiSoftware.Cloud.V2/Api/RegistrationApi.cs</c>
/// and <c>Model/*.cs</c>, and scormcloud-api-v2-client-python <c>rustici_software_cloud_v2/models/*.py</c> (v4.0.0).
/// </summary>
public sealed class WireConformanceTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    // RegistrationApi.GetRegistrations: "datetimeFilter: Specifies field that `since` and `until` parameters are applied
    // against (optional, default to created)"; "orderBy (optional, default to created_desc)".
    [Fact]
    public async Task GetRegistrationsNamesTheFieldSinceAppliesTo()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"registrations":[]}""");

        await _harness.Client.GetRegistrationsAsync(new RegistrationQuery
        {
            CourseId = "c1",
            Since = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
            DateTimeFilter = RegistrationDateTimeFilter.Updated,
            OrderBy = RegistrationOrderBy.UpdatedAsc,
        }, Ct);

        var query = Assert.Single(_harness.Handler.Requests).PathAndQuery;
        Assert.Contains("since=2026-11-30T10%3A00%3A00.000Z", query, StringComparison.Ordinal);
        Assert.Contains("datetimeFilter=updated", query, StringComparison.Ordinal);
        Assert.Contains("orderBy=updated_asc", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRegistrationsWithoutAFilterFieldSendsNone()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"registrations":[]}""");

        await _harness.Client.GetRegistrationsAsync(new RegistrationQuery { CourseId = "c1" }, Ct);

        Assert.Equal("/api/v2/registrations?courseId=c1", Assert.Single(_harness.Handler.Requests).PathAndQuery);
    }

    // RegistrationApi.GetRegistrations remarks: "When passing this token, no other filter parameters can be sent as part
    // of the request. The resources will continue to respect the filters passed in by the original request."
    [Fact]
    public async Task FollowUpPagesSendMoreAlone()
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r1"}],"more":"t2"}""")
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r2"}],"more":"t3"}""")
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r3"}]}""");

        var ids = new List<string?>();
        await foreach (var registration in _harness.Client.GetAllRegistrationsAsync(new RegistrationQuery
        {
            CourseId = "c1",
            Since = DateTimeOffset.UnixEpoch,
            DateTimeFilter = RegistrationDateTimeFilter.Updated,
            IncludeChildResults = true,
            IncludeRuntime = true,
        }, Ct))
        {
            ids.Add(registration.Id);
        }

        Assert.Equal(["r1", "r2", "r3"], ids);
        var paths = _harness.Handler.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Contains("courseId=c1", paths[0], StringComparison.Ordinal);
        Assert.Equal(["/api/v2/registrations?more=t2", "/api/v2/registrations?more=t3"], paths.Skip(1));
    }

    [Fact]
    public async Task A_single_page_request_with_more_sends_more_alone()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"registrations":[]}""");

        await _harness.Client.GetRegistrationsAsync(new RegistrationQuery { CourseId = "c1", LearnerId = "l1", More = "tok", IncludeRuntime = true }, Ct);

        Assert.Equal("/api/v2/registrations?more=tok", Assert.Single(_harness.Handler.Requests).PathAndQuery);
    }

    // Model/SettingItem.cs: id, effectiveValue, effectiveValueSource, explicitValue, metadata (SettingMetadata: default,
    // dataType, settingDescription, level, learningStandards, learningStandardVariant, fallback, validValues). No "value".
    [Fact]
    public async Task ConfigurationReadsEffectiveAndExplicitValues()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """
            {"settingItems":[
              {"id":"ApiRollupRegistrationPostBackUrl","effectiveValue":"https://hooks.example.test/pb","effectiveValueSource":"registration",
               "explicitValue":"https://hooks.example.test/pb",
               "metadata":{"default":"","dataType":"string","settingDescription":"Where results go","level":"registration",
                           "learningStandards":["SCORM12"],"fallback":"ApiRollupUrl","validValues":[]}},
              {"id":"ApiRollupRegistrationIsJson","effectiveValue":"true","effectiveValueSource":"default"}]}
            """);

        var settings = await _harness.Client.GetRegistrationConfigurationAsync("r1", Ct);

        Assert.Equal(("https://hooks.example.test/pb", "https://hooks.example.test/pb"), (settings[0].EffectiveValue, settings[0].ExplicitValue));
        Assert.Equal(("string", "Where results go", "ApiRollupUrl"),
            (settings[0].Metadata?.DataType, settings[0].Metadata?.SettingDescription, settings[0].Metadata?.Fallback));
        Assert.Equal(("true", null), (settings[1].EffectiveValue, settings[1].ExplicitValue));
    }

    [Fact]
    public async Task ConfigurationCanAskForMetadata()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"settingItems":[]}""");

        await _harness.Client.GetRegistrationConfigurationAsync("r1", includeMetadata: true, Ct);

        Assert.Equal("/api/v2/registrations/r1/configuration?includeMetadata=true", Assert.Single(_harness.Handler.Requests).PathAndQuery);
    }

    // Model/RuntimeInteractionSchema.cs TypeEnum: TrueFalse, Choice, FillIn, LongFillIn, Likert, Matching, Performance,
    // Sequencing, Numeric, Other.
    [Theory]
    [InlineData("TrueFalse", RuntimeInteractionType.TrueFalse)]
    [InlineData("Choice", RuntimeInteractionType.Choice)]
    [InlineData("FillIn", RuntimeInteractionType.FillIn)]
    [InlineData("LongFillIn", RuntimeInteractionType.LongFillIn)]
    [InlineData("Likert", RuntimeInteractionType.Likert)]
    [InlineData("Matching", RuntimeInteractionType.Matching)]
    [InlineData("Performance", RuntimeInteractionType.Performance)]
    [InlineData("Sequencing", RuntimeInteractionType.Sequencing)]
    [InlineData("Numeric", RuntimeInteractionType.Numeric)]
    [InlineData("Other", RuntimeInteractionType.Other)]
    public void InteractionTypesReadAsTheModelSpellsThem(string wire, RuntimeInteractionType expected)
    {
        var interaction = JsonSerializer.Deserialize<RuntimeInteraction>($$"""{"id":"q1","type":"{{wire}}"}""", ScormCloudJson.Options)!;

        Assert.Equal(expected, interaction.Type);
        Assert.Equal($$"""{"type":"{{wire}}"}""", JsonSerializer.Serialize(new { type = expected }, ScormCloudJson.Options));
    }

    // Model/RuntimeObjectiveSchema.cs RuntimeObjectiveCompletionStatusEnum: UNKNOWN, COMPLETED, INCOMPLETE, NOT_ATTEMPTED, BROWSED.
    [Theory]
    [InlineData("NOT_ATTEMPTED", RuntimeObjectiveCompletion.NotAttempted)]
    [InlineData("BROWSED", RuntimeObjectiveCompletion.Browsed)]
    [InlineData("COMPLETED", RuntimeObjectiveCompletion.Completed)]
    [InlineData("INCOMPLETE", RuntimeObjectiveCompletion.Incomplete)]
    [InlineData("UNKNOWN", RuntimeObjectiveCompletion.Unknown)]
    public void RuntimeObjectiveCompletionKeepsNotAttemptedAndBrowsed(string wire, RuntimeObjectiveCompletion expected)
    {
        var objective = JsonSerializer.Deserialize<RuntimeObjective>(
            $$"""{"id":"o1","runtimeObjectiveCompletionStatus":"{{wire}}"}""", ScormCloudJson.Options)!;

        Assert.Equal(expected, objective.RuntimeObjectiveCompletionStatus);
    }

    // Model/LaunchLinkRequestSchema.cs (v4.0.0): redirectOnExitUrl "(required)" — the constructor throws on null — and
    // "If not specified, configured value will be used": an empty string asks for the configured setting.
    [Fact]
    public async Task LaunchLinkSendsAnEmptyRedirectToUseTheConfiguredSetting()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"launchLink":"https://cloud.example.test/launch"}""");

        await _harness.Client.BuildLaunchLinkAsync("r1", new LaunchLinkRequest(string.Empty), Ct);

        Assert.StartsWith("""{"redirectOnExitUrl":"",""", Assert.Single(_harness.Handler.Requests).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchLinkStillRequiresARedirectValue()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(
            () => _harness.Client.BuildLaunchLinkAsync("r1", new LaunchLinkRequest { RedirectOnExitUrl = null! }, Ct));
        Assert.Empty(_harness.Handler.Requests);
    }
}
