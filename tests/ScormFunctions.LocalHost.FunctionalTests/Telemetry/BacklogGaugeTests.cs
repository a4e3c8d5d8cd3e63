using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Registrations;
using ScormFunctions.LocalHost.FunctionalTests.Imports;
using ScormFunctions.LocalHost.FunctionalTests.Registrations;

namespace ScormFunctions.LocalHost.FunctionalTests.Telemetry;

/// <summary>
/// The gauges the periodic sweep measures from our records (what counters cannot show: work that is stuck), through the
/// host's OpenTelemetry pipeline with the in-memory exporter.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class BacklogGaugeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_oldest_running_import_is_measured_from_the_records_including_one_nothing_tracks()
    {
        var capture = new TelemetryCapture();
        await using var h = await ImportHarness.StartAsync(services: capture.AddTo);
        var probe = h.Server.Services.GetRequiredService<RunningImportsProbe>();
        var none = await probe.MeasureAsync(Ct);
        Assert.Equal(0, none.Count);
        Assert.Equal(0, Assert.Single(capture.Points(h.Server.Services, "scorm.imports.oldest_running_age")).GetGaugeLastValueDouble());

        // Records only, no orchestration: an import whose tracking never started (or died) still ages.
        var imports = h.Server.Services.GetRequiredService<ImportRepository>();
        var now = DateTimeOffset.UtcNow;
        await imports.InsertAsync(Import("course-stuck", now.AddHours(-2), ImportStatus.Running), Ct);
        await imports.InsertAsync(Import("course-recent", now.AddMinutes(-10), ImportStatus.Running), Ct);
        await imports.InsertAsync(Import("course-done", now.AddHours(-5), ImportStatus.Succeeded), Ct);
        var running = await probe.MeasureAsync(Ct);

        Assert.Equal(2, running.Count);
        Assert.Equal(now.AddHours(-2), running.OldestStartedAt!.Value, TimeSpan.FromSeconds(1));
        var age = Assert.Single(capture.Points(h.Server.Services, "scorm.imports.oldest_running_age")).GetGaugeLastValueDouble();
        Assert.InRange(age, 7200 - 1, 7200 + 60);
    }

    [Fact]
    public async Task Every_pending_registration_is_measured_by_the_sweep_and_only_overdue_ones_are_repaired()
    {
        var capture = new TelemetryCapture();
        await using var h = await RegistrationHarness.StartAsync(services: (s, _) => capture.AddTo(s));
        await h.ImportCourseAsync("course-1");
        var registrations = h.Server.Services.GetRequiredService<RegistrationRepository>();
        foreach (var id in new[] { "reg-pending-1", "reg-pending-2" })
        {
            // As a crash right after our pending record was written leaves it.
            await registrations.InsertAsync(new RegistrationEntity { PartitionKey = id, CourseId = "course-1", LearnerId = "learner-1" }, Ct);
        }
        using var scope = h.Server.Services.CreateScope();
        var sweeper = scope.ServiceProvider.GetRequiredService<RegistrationSweeper>();

        var young = await sweeper.SweepAsync(TimeSpan.FromHours(1), Ct);
        Assert.Equal(0, young.Examined);
        Assert.Equal(2, Pending());
        Assert.Empty(capture.Points(h.Server.Services, "scorm.registrations.pending_overdue"));

        var overdue = await sweeper.SweepAsync(TimeSpan.Zero, Ct);
        Assert.Equal(2, overdue.Activated);
        Assert.Equal(2, Pending()); // what the sweep found, before it repaired them
        Assert.Equal(2, Assert.Single(capture.Points(h.Server.Services, "scorm.registrations.pending_overdue")).GetSumLong());

        await sweeper.SweepAsync(TimeSpan.Zero, Ct);
        Assert.Equal(0, Pending());

        long Pending() => Assert.Single(capture.Points(h.Server.Services, "scorm.registrations.pending")).GetGaugeLastValueLong();
    }

    private static ImportEntity Import(string courseId, DateTimeOffset startedAt, string status) => new()
    {
        PartitionKey = courseId,
        RowKey = Guid.NewGuid().ToString("N"),
        Status = status,
        StartedAt = startedAt,
        Deadline = startedAt.AddHours(6),
    };
}
