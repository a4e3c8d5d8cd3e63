using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Telemetry;
using ScormFunctions.LocalHost.FunctionalTests.Imports;
using ScormFunctions.LocalHost.FunctionalTests.Registrations;

namespace ScormFunctions.LocalHost.FunctionalTests.Telemetry;

/// <summary>
/// The local host as its own process, configured only by the standard OTEL_* variables, exporting over OTLP/HTTP to
/// <see cref="OtlpReceiver"/>: an import and a postback each arrive as one connected trace, with the metrics and logs.
/// </summary>
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_import_and_a_postback_arrive_over_otlp_as_one_connected_trace_each_with_metrics_and_logs()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var emulator = await EmulatorServer.StartAsync();
        var prefix = "o" + Guid.NewGuid().ToString("N")[..10];
        var port = ImportHarness.FreePort();
        var settings = LocalHostProcess.Settings(emulator, port, prefix);
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.GetLeftPart(UriPartial.Authority);
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_SERVICE_NAME"] = "scormfunctions-otlp-test";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        settings["Registrations:SweepInterval"] = "00:00:01"; // the sweep measures the gauges
        settings["Durable:MessageVisibilityTimeout"] = "00:00:30"; // no kill here: no redelivery churn on a loaded machine
        await using var host = await LocalHostProcess.StartAsync(port, settings);
        using var admin = await host.ClientForAsync("ada", "admin");

        // An import, as a single-page app runs it: upload URL, PUT to Blob Storage, start, poll.
        var courseId = ImportHarness.NewCourseId("otlp");
        using var uploadResponse = await admin.PostAsync($"api/courses/{courseId}/uploads", null, Ct);
        var upload = await uploadResponse.Content.ReadFromJsonAsync<JsonElement>(Ct);
        await ImportHarness.PutAsync(upload, RepoPaths.Package(RegistrationHarness.Package));
        var importId = upload.GetProperty("uploadId").GetString()!;
        using var start = await admin.PostAsJsonAsync($"api/courses/{courseId}/imports", new { uploadId = importId, mode = "relay" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await Eventually(async () => (await admin.GetFromJsonAsync<JsonElement>($"api/courses/{courseId}/imports/{importId}", Ct))
            .GetProperty("status").GetString() == "succeeded", "the import to succeed", host);

        // A registration, then SCORM Cloud's postbacks: applied, the same again, and one with a wrong password.
        await RegistrationHarness.AssignAsync(admin, courseId, "learner-otlp", "reg-otlp");
        var password = new PostbackCredentials(Options.Create(new SigningOptions { PostbackKey = settings["Signing:PostbackKey"] }))
            .PasswordFor("reg-otlp");
        var report = JsonSerializer.Serialize(new
        {
            id = "reg-otlp", instance = 0, updated = DateTimeOffset.UtcNow, registrationCompletion = "COMPLETED",
            registrationSuccess = "PASSED", score = new { scaled = 90 }, totalSecondsTracked = 60,
            course = new { id = courseId }, learner = new { id = "learner-otlp" },
        });
        foreach (var (user, secret, expected) in new[] { ("reg-otlp", password, HttpStatusCode.OK), ("reg-otlp", password, HttpStatusCode.OK), ("reg-otlp", "wrong", HttpStatusCode.Unauthorized) })
        {
            using var response = await RegistrationHarness.PostbackAsync(host.Client, report, user, secret);
            Assert.Equal(expected, response.StatusCode);
        }

        // What arrived over the wire (the exporters batch: wait for the last pieces).
        await Eventually(() => Task.FromResult(
            receiver.Spans.Any(s => s.Name == "import.record" && s.Attribute(ScormTags.ImportId) == importId)
            && receiver.Spans.Count(s => s.Name == "postback.receive") == 3
            && receiver.Latest("scorm.postbacks").Sum(p => p.Value) == 3
            && receiver.Latest("scorm.registrations.pending").Any(p => p.Value == 0)
            && receiver.Latest("scorm.imports.oldest_running_age").Any(p => p.Value == 0)), "the telemetry to arrive", host);
        Assert.Equal(0, receiver.Refused);
        var output = new StringBuilder();

        // The import: one trace from the request through every orchestration step, SCORM Cloud and storage calls.
        var importStart = Assert.Single(receiver.Spans, s => s.Name == "import.start" && s.Attribute(ScormTags.ImportId) == importId);
        var importTrace = ConnectedTrace(receiver, importStart.TraceId, "/api/courses/{courseId}/imports", output,
            viaScormCloud: "/api/postbacks/imports/{importId}");
        var steps = importTrace.Where(s => s.Scope == ScormTelemetry.Name && s.Name != "import.start").ToList();
        Assert.Single(steps, s => s.Name == "import.start_job");
        Assert.Contains(steps, s => s.Name == "import.poll");
        Assert.Single(steps, s => s.Name == "import.record" && s.Attribute(ScormTags.Status) == "succeeded");
        Assert.All(steps, s => Assert.Equal(importStart.SpanId, s.ParentSpanId));
        var startJob = steps.Single(s => s.Name == "import.start_job");
        Assert.Contains(importTrace, s => s.Kind == OtlpSpan.ClientKind && s.ParentSpanId == startJob.SpanId
            && s.Attribute("url.full")?.Contains("/courses/importJobs/upload", StringComparison.Ordinal) == true);
        Assert.Contains(importTrace, s => s.Scope.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.All(importTrace, s => Assert.Equal("scormfunctions-otlp-test", s.Service));

        // The postback that applied: one trace from the request through receive and apply to the table writes.
        var receives = receiver.Spans.Where(s => s.Name == "postback.receive").ToList();
        Assert.Equal(["applied", "duplicate", "unauthorized"], receives.Select(s => s.Attribute(ScormTags.Outcome)).Order());
        var applied = receives.Single(s => s.Attribute(ScormTags.Outcome) == "applied");
        var postbackTrace = ConnectedTrace(receiver, applied.TraceId, "/api/postbacks/registrations", output);
        var apply = Assert.Single(postbackTrace, s => s.Name == "postback.apply");
        Assert.Equal(applied.SpanId, apply.ParentSpanId);
        Assert.Contains(postbackTrace, s => s.Scope.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.All(receives, r => Assert.NotEqual(importStart.TraceId, r.TraceId));

        // The metrics, as the exporter last sent them (cumulative).
        Assert.Equal(1, Assert.Single(receiver.Latest("scorm.imports.finished"), p => p.Attribute(ScormTags.Status) == "succeeded").Value);
        var duration = Assert.Single(receiver.Latest("scorm.import.duration"));
        Assert.Equal(1, duration.Count);
        Assert.True(duration.Sum > 0);
        Assert.Equal(0, Assert.Single(receiver.Latest("scorm.imports.running")).Value);
        Assert.Equal(
            new Dictionary<string, double?> { ["applied"] = 1, ["duplicate"] = 1, ["unauthorized"] = 1 },
            receiver.Latest("scorm.postbacks").ToDictionary(p => p.Attribute(ScormTags.Outcome)!, p => p.Value));
        var cloud = receiver.Latest("scorm.cloud.requests");
        Assert.Contains(cloud, p => p.Attribute(ScormTags.Operation) == "POST courses/importJobs/upload" && p.Attribute(ScormTags.Status) == "200");
        Assert.Contains(cloud, p => p.Attribute(ScormTags.Operation) == "GET courses/importJobs/{id}" && p.Attribute(ScormTags.Status) == "200");
        Assert.Contains(cloud, p => p.Attribute(ScormTags.Operation)!.StartsWith("POST registrations", StringComparison.Ordinal));
        Assert.Contains("http.server.request.duration", receiver.MetricNames);
        output.AppendLine("metrics (latest export):");
        foreach (var name in receiver.MetricNames.Where(n => n.StartsWith("scorm.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            foreach (var p in receiver.Latest(name))
            {
                var tags = string.Join(", ", p.Attributes.Select(a => $"{a.Key}={a.Value}"));
                var value = p.Count is { } count ? $"count={count} sum={p.Sum:F3}" : p.Value?.ToString("0.###", CultureInfo.InvariantCulture);
                output.AppendLine(CultureInfo.InvariantCulture, $"  {name}{(tags.Length > 0 ? $" {{{tags}}}" : "")} = {value}");
            }
        }

        // The logs: in the trace of the step that wrote them, with the import's ids from the log scope.
        Assert.Contains(receiver.Logs, l => l.TraceId == importStart.TraceId
            && Equals(l.Attributes.GetValueOrDefault("ImportId"), importId) && Equals(l.Attributes.GetValueOrDefault("CourseId"), courseId));
        // Signatures in URLs (SAS tokens, our signed postback and launch URLs) are redacted before they leave the process.
        Assert.Contains(receiver.Spans, s => s.Attribute("url.query")?.Contains("sig=Redacted", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(receiver.Spans.SelectMany(s => s.Attributes.Values).Concat(receiver.Logs.SelectMany(l => l.Attributes.Values.Append(l.Body))),
            v => v is string text && Regex.IsMatch(text, "sig=(?!Redacted)", RegexOptions.IgnoreCase));

        // The Durable Task engine's own storage polling (HTTP client spans without a parent) is not exported.
        Assert.DoesNotContain(receiver.Spans, s => s.ParentSpanId is null && s.Kind == OtlpSpan.ClientKind);
        var otherRoots = receiver.Spans.Where(s => s.ParentSpanId is null && s.TraceId != importStart.TraceId && s.TraceId != applied.TraceId)
            .GroupBy(s => $"{s.Name} [{s.Scope}]").OrderByDescending(g => g.Count());
        output.AppendLine("other traces, by root span:");
        foreach (var root in otherRoots) output.AppendLine(CultureInfo.InvariantCulture, $"  {root.Count()} × {root.Key}");
        output.AppendLine(CultureInfo.InvariantCulture, $"received: {receiver.Spans.Count} spans, {receiver.Logs.Count} log records, {receiver.MetricExports} metric exports");
        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
    }

    /// <summary>
    /// The spans of one trace, checked to be connected: exactly one root (the server span of <paramref name="route"/>)
    /// and every other span's parent in the same trace, except requests SCORM Cloud made on the trace's behalf
    /// (<paramref name="viaScormCloud"/>): the emulator passes on the traceparent it was called with, so the import job's
    /// postback joins the import's trace under the emulator's own (unexported) span. Appends the tree to <paramref name="output"/>.
    /// </summary>
    private static List<OtlpSpan> ConnectedTrace(OtlpReceiver receiver, string traceId, string route, StringBuilder output, string? viaScormCloud = null)
    {
        var trace = receiver.Spans.Where(s => s.TraceId == traceId).ToList();
        var root = Assert.Single(trace, s => s.ParentSpanId is null);
        Assert.Equal(OtlpSpan.ServerKind, root.Kind);
        Assert.Equal(route, root.Attribute("http.route"));
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var remote = trace.Where(s => s.ParentSpanId is not null && !ids.Contains(s.ParentSpanId)).ToList();
        Assert.All(remote, s => Assert.True(s.Kind == OtlpSpan.ServerKind && viaScormCloud is not null && s.Attribute("http.route") == viaScormCloud,
            $"{s.Name}: parent {s.ParentSpanId} is not in trace {traceId}"));
        output.AppendLine(CultureInfo.InvariantCulture, $"trace {traceId}: {trace.Count} spans");
        Tree(trace, root, 1, output);
        foreach (var request in remote)
        {
            output.AppendLine("  (SCORM Cloud → us, under the emulator's span)");
            Tree(trace, request, 2, output);
        }
        return trace;
    }

    private static void Tree(List<OtlpSpan> trace, OtlpSpan span, int depth, StringBuilder output)
    {
        var target = span.Kind == OtlpSpan.ClientKind && Uri.TryCreate(span.Attribute("url.full"), UriKind.Absolute, out var url)
            ? $" → {url.Authority}{url.AbsolutePath}" : "";
        output.AppendLine(CultureInfo.InvariantCulture, $"{new string(' ', depth * 2)}{span.Name} [{span.Scope}]{target}");
        foreach (var child in trace.Where(s => s.ParentSpanId == span.SpanId)) Tree(trace, child, depth + 1, output);
    }

    /// <summary>Waits up to 2 minutes (a loaded 2-core machine runs the host slowly); fails with the host's last output.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what, LocalHostProcess host)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for {what}. The host's last output:\n{host.RecentOutput}");
            await Task.Delay(200, Ct);
        }
    }
}
