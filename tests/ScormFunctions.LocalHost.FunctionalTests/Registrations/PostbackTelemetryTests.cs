using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ScormFunctions.Core.Telemetry;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>Postbacks through the local host, seen through its OpenTelemetry pipeline: spans and outcome counts.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class PostbackTelemetryTests
{
    private static string Report(string id) => JsonSerializer.Serialize(new
    {
        id, instance = 0, updated = DateTimeOffset.UtcNow, registrationCompletion = "COMPLETED",
        registrationSuccess = "PASSED", score = new { scaled = 90 }, totalSecondsTracked = 60,
        course = new { id = "course-otel" }, learner = new { id = "learner-otel" },
    });

    [Fact]
    public async Task EachPostbackIsASpanUnderItsRequestAndIsCountedByOutcome()
    {
        var capture = new TelemetryCapture();
        await using var h = await StartAsync(services: (s, _) => capture.AddTo(s));
        await h.ImportCourseAsync("course-otel");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-otel", "learner-otel", "reg-otel");

        var report = Report("reg-otel");
        using var applied = await h.PostbackAsync(report, "reg-otel", h.PostbackPassword("reg-otel"));
        using var duplicate = await h.PostbackAsync(report, "reg-otel", h.PostbackPassword("reg-otel"));
        using var unauthorized = await h.PostbackAsync(report, "reg-otel", "wrong");
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);

        var receives = capture.Spans.Where(s => s.OperationName == "postback.receive").ToList();
        Assert.Equal(["applied", "duplicate", "unauthorized"], receives.Select(s => s.GetTagItem(ScormTags.Outcome)));
        var first = receives[0];
        Assert.Equal("reg-otel", first.GetTagItem(ScormTags.RegistrationId));
        Assert.Null(receives[2].GetTagItem(ScormTags.RegistrationId)); // unverified input is never a tag
        Assert.Equal(ActivityStatusCode.Error, receives[2].Status);
        var request = Assert.Single(capture.Spans, s => s.SpanId == first.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("/api/postbacks/registrations", request.GetTagItem("http.route"));
        var apply = Assert.Single(capture.Spans, s => s.OperationName == "postback.apply" && s.ParentSpanId == first.SpanId);
        Assert.Equal(first.TraceId, apply.TraceId);

        var counted = capture.Points(h.Server.Services, "scorm.postbacks")
            .ToDictionary(p => TelemetryCapture.Tag(p, ScormTags.Outcome)!, p => p.GetSumLong());
        Assert.Equal(new Dictionary<string, long> { ["applied"] = 1, ["duplicate"] = 1, ["unauthorized"] = 1 }, counted);

        var unauthorizedBody = await unauthorized.Content.ReadAsStringAsync(Ct);
        Assert.Contains(receives[2].TraceId.ToString(), unauthorizedBody, StringComparison.Ordinal);
    }
}
