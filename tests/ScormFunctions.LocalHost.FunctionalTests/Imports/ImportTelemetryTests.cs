using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.LocalHost.FunctionalTests.Imports;

/// <summary>One import through the local host, seen through its OpenTelemetry pipeline: one trace, and the metrics.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ImportTelemetryTests
{
    [Fact]
    public async Task AnImportIsOneTraceFromTheRequestThroughEveryOrchestrationStepAndIsCountedOnce()
    {
        var capture = new TelemetryCapture();
        await using var h = await ImportHarness.StartAsync(services: capture.AddTo);
        var courseId = ImportHarness.NewCourseId("otel");

        var (response, importId) = await h.UploadAndStartAsync(courseId, "synthetic_scorm12_minimal_autopass.zip", "relay");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var import = await h.WaitForImportAsync(courseId, importId);
        Assert.Equal("succeeded", import.GetProperty("status").GetString());

        var start = Assert.Single(capture.Spans, s => s.OperationName == "import.start" && Equals(s.GetTagItem(ScormTags.ImportId), importId));
        var request = Assert.Single(capture.Spans, s => s.SpanId == start.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("/api/courses/{courseId}/imports", request.GetTagItem("http.route"));
        Assert.Equal(courseId, start.GetTagItem(ScormTags.CourseId));

        // The Durable Task Framework engine does not carry the trace: the steps join it through the stored traceparent.
        var trace = capture.InTrace(start.TraceId);
        foreach (var span in trace.OrderBy(s => s.StartTimeUtc))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{span.TraceId} {span.SpanId} <- {span.ParentSpanId} {span.Kind} {span.DisplayName} {span.Duration.TotalMilliseconds:F0} ms");
        }
        var steps = trace.Where(s => s.Source.Name == ScormTelemetry.Name && s.OperationName != "import.start").ToList();
        var startJob = Assert.Single(steps, s => s.OperationName == "import.start_job");
        Assert.Contains(steps, s => s.OperationName == "import.poll");
        var record = Assert.Single(steps, s => s.OperationName == "import.record");
        Assert.All(steps, s =>
        {
            Assert.Equal(start.SpanId, s.ParentSpanId);
            Assert.Equal(courseId, s.GetTagItem(ScormTags.CourseId));
            Assert.Equal(importId, s.GetTagItem(ScormTags.ImportId));
        });
        Assert.Equal("succeeded", record.GetTagItem(ScormTags.Status));
        Assert.NotNull(startJob.GetTagItem(ScormTags.JobId));
        // SCORM Cloud's upload is a client span under the step that made it.
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == startJob.SpanId
            && s.GetTagItem("url.full")?.ToString()?.Contains("/courses/importJobs/upload", StringComparison.Ordinal) == true);

        var finished = Assert.Single(capture.Points(h.Server.Services, "scorm.imports.finished"));
        Assert.Equal("succeeded", TelemetryCapture.Tag(finished, ScormTags.Status));
        Assert.Equal(1, finished.GetSumLong());
        var duration = Assert.Single(capture.Points(h.Server.Services, "scorm.import.duration"));
        Assert.Equal(1, duration.GetHistogramCount());
        Assert.True(duration.GetHistogramSum() > 0);
        var running = Assert.Single(capture.Points(h.Server.Services, "scorm.imports.running"));
        Assert.Equal(0, running.GetSumLong()); // +1 at start, −1 when recorded
        var cloud = capture.Points(h.Server.Services, "scorm.cloud.requests");
        Assert.Contains(cloud, p => TelemetryCapture.Tag(p, ScormTags.Operation) == "POST courses/importJobs/upload" && TelemetryCapture.Tag(p, ScormTags.Status) == "200");
        Assert.Contains(cloud, p => TelemetryCapture.Tag(p, ScormTags.Operation) == "GET courses/importJobs/{id}" && TelemetryCapture.Tag(p, ScormTags.Status) == "200");
    }

    [Fact]
    public async Task ProblemResponsesCarryTheTraceIdOfTheirRequest()
    {
        var capture = new TelemetryCapture();
        await using var h = await ImportHarness.StartAsync(services: capture.AddTo);

        using var response = await h.Admin.GetAsync("api/courses/no-such-course/imports/0123456789abcdef0123456789abcdef", ImportHarness.Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ImportHarness.Ct);

        var traceId = problem.GetProperty("traceId").GetString()!;
        var request = Assert.Single(capture.Spans, s => s.Kind == ActivityKind.Server && s.Id == traceId);
        Assert.Equal("/api/courses/{courseId}/imports/{importId}", request.GetTagItem("http.route"));
    }
}
