using ScormCloud.Client.Models;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>Retakes (registration instances) and course versions, through the client against the emulator (page size 2).</summary>
public sealed class EmulatorInstanceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Package = "synthetic_scorm12_minimal_autopass.zip";
    private readonly EmulatorClient _emulator = new(fixture.Server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScormCloudClient Client => _emulator.Client;

    public void Dispose() => _emulator.Dispose();

    private async Task PlayAsync(string registrationId, string lessonStatus)
    {
        var link = await Client.BuildLaunchLinkAsync(registrationId, new LaunchLinkRequest("https://lms.example.test/exit"), Ct);
        await LearnerBrowser.PlayAsync(link, lessonStatus, Ct);
    }

    [Fact]
    public async Task A_retake_starts_a_new_current_instance_and_keeps_the_earlier_result()
    {
        const string courseId = "retake-course";
        await ImportPolling.UploadAsync(Client, courseId, Package, Ct);
        await Client.CreateRegistrationAsync(new CreateRegistrationRequest(courseId, "retake-1", new Learner("l1")), Ct);
        await PlayAsync("retake-1", "failed");

        await Client.CreateRegistrationInstanceAsync("retake-1", Ct);
        await PlayAsync("retake-1", "passed");
        await Client.CreateRegistrationInstanceAsync("retake-1", Ct);

        var current = await Client.GetRegistrationProgressAsync("retake-1", cancellationToken: Ct);
        var first = await Client.GetRegistrationInstanceProgressAsync("retake-1", 0, new RegistrationProgressOptions { IncludeRuntime = true }, Ct);
        var second = await Client.GetRegistrationInstanceProgressAsync("retake-1", 1, cancellationToken: Ct);
        var firstPage = await Client.GetRegistrationInstancesAsync("retake-1", cancellationToken: Ct);
        var all = new List<Registration>();
        await foreach (var instance in Client.GetAllRegistrationInstancesAsync("retake-1", new RegistrationInstanceQuery { IncludeChildResults = true }, Ct))
        {
            all.Add(instance);
        }

        Assert.Equal((2, RegistrationCompletion.Unknown, RegistrationSuccess.Unknown),
            (current.Instance, current.RegistrationCompletion, current.RegistrationSuccess));
        Assert.Equal((0, RegistrationSuccess.Failed, "failed"), (first.Instance, first.RegistrationSuccess, first.ActivityDetails?.Runtime?.CompletionStatus));
        Assert.Equal((1, RegistrationSuccess.Passed, 90.0), (second.Instance, second.RegistrationSuccess, second.Score?.Scaled));
        Assert.Equal([0, 1], firstPage.Registrations.Select(r => r.Instance));
        Assert.NotNull(firstPage.More);
        Assert.Equal([0, 1, 2], all.Select(r => r.Instance));
        Assert.All(all, r => Assert.Equal(("retake-1", courseId, 0), (r.Id, r.Course?.Id, r.Course?.Version)));
        Assert.Equal(2, _emulator.Attempts.Count("POST", "/api/v2/registrations/retake-1/instances"));
    }

    [Fact]
    public async Task Missing_registrations_and_instances_are_not_found()
    {
        const string courseId = "retake-missing-course";
        await ImportPolling.UploadAsync(Client, courseId, Package, Ct);
        await Client.CreateRegistrationAsync(new CreateRegistrationRequest(courseId, "retake-missing", new Learner("l1")), Ct);

        var create = await Assert.ThrowsAsync<ScormCloudException>(() => Client.CreateRegistrationInstanceAsync("no-such-registration", Ct));
        var list = await Assert.ThrowsAsync<ScormCloudException>(() => Client.GetRegistrationInstancesAsync("no-such-registration", cancellationToken: Ct));
        var instance = await Assert.ThrowsAsync<ScormCloudException>(
            () => Client.GetRegistrationInstanceProgressAsync("retake-missing", 7, cancellationToken: Ct));

        Assert.Equal((true, true, true), (create.IsNotFound, list.IsNotFound, instance.IsNotFound));
        Assert.Equal(1, _emulator.Attempts.Count("POST", "/api/v2/registrations/no-such-registration/instances"));
    }

    [Fact]
    public async Task The_course_setting_decides_whether_a_launch_after_a_new_version_restarts_the_registration()
    {
        const string courseId = "versioned-course";
        await ImportPolling.UploadAsync(Client, courseId, Package, Ct);
        await Client.CreateRegistrationAsync(new CreateRegistrationRequest(courseId, "versioned-done", new Learner("l1")), Ct);
        await Client.CreateRegistrationAsync(new CreateRegistrationRequest(courseId, "versioned-open", new Learner("l2")), Ct);
        await PlayAsync("versioned-done", "passed");
        await PlayAsync("versioned-open", "incomplete");

        await Client.SetCourseConfigurationAsync(
            courseId, [WhenToRestartRegistration.Setting(WhenToRestartRegistration.WhenCompleteAndNewerVersionExists)], Ct);
        var job = await ImportPolling.UploadAsync(Client, courseId, Package, Ct, mayCreateNewVersion: true);
        var doneBefore = await Client.GetRegistrationProgressAsync("versioned-done", cancellationToken: Ct);
        await PlayAsync("versioned-done", "incomplete");
        await PlayAsync("versioned-open", "passed");

        var done = await Client.GetRegistrationProgressAsync("versioned-done", cancellationToken: Ct);
        var open = await Client.GetRegistrationProgressAsync("versioned-open", cancellationToken: Ct);
        var setting = (await Client.GetCourseConfigurationAsync(courseId, Ct)).Single(s => s.Id == WhenToRestartRegistration.SettingId);

        Assert.Equal(1, job.ImportResult?.Course?.Version);
        Assert.Equal((0, 0), (doneBefore.Instance, doneBefore.Course?.Version));
        Assert.Equal((1, 1, RegistrationCompletion.Incomplete), (done.Instance, done.Course?.Version, done.RegistrationCompletion));
        Assert.Equal(RegistrationCompletion.Completed, (await Client.GetRegistrationInstanceProgressAsync("versioned-done", 0, cancellationToken: Ct)).RegistrationCompletion);
        Assert.Equal((0, 0, RegistrationCompletion.Completed), (open.Instance, open.Course?.Version, open.RegistrationCompletion));
        Assert.Equal((WhenToRestartRegistration.WhenCompleteAndNewerVersionExists, "course"), (setting.EffectiveValue, setting.EffectiveValueSource));
    }

    [Fact]
    public async Task Every_documented_value_is_accepted_and_listed_and_others_are_refused()
    {
        const string courseId = "restart-values-course";
        await ImportPolling.UploadAsync(Client, courseId, Package, Ct);
        string[] values =
        [
            WhenToRestartRegistration.Never, WhenToRestartRegistration.WhenNewerVersionExists,
            WhenToRestartRegistration.WhenCompleteAndNewerVersionExists, WhenToRestartRegistration.WhenIncompleteAndNewerVersionExists,
            WhenToRestartRegistration.WhenSatisfiedAndNewerVersionExists, WhenToRestartRegistration.WhenComplete,
            WhenToRestartRegistration.WhenSatisfied,
        ];

        foreach (var value in values) await Client.SetCourseConfigurationAsync(courseId, [WhenToRestartRegistration.Setting(value)], Ct);
        var invalid = await Assert.ThrowsAsync<ScormCloudException>(
            () => Client.SetCourseConfigurationAsync(courseId, [WhenToRestartRegistration.Setting("SOMETIMES")], Ct));
        var missing = await Assert.ThrowsAsync<ScormCloudException>(
            () => Client.GetCourseConfigurationAsync("no-such-course", Ct));
        var described = (await Client.GetCourseConfigurationAsync(courseId, includeMetadata: true, Ct))
            .Single(s => s.Id == WhenToRestartRegistration.SettingId);

        Assert.Equal(400, invalid.Status);
        Assert.Contains("SOMETIMES", invalid.ServiceMessage, StringComparison.Ordinal);
        Assert.True(missing.IsNotFound);
        Assert.Equal(WhenToRestartRegistration.WhenSatisfied, described.EffectiveValue);
        Assert.Equal(WhenToRestartRegistration.Never, described.Metadata?.Default);
        Assert.Equal(values.Order(StringComparer.Ordinal), described.Metadata!.ValidValues.Select(v => v.Value!).Order(StringComparer.Ordinal));
        Assert.All(described.Metadata.ValidValues, v => Assert.False(string.IsNullOrEmpty(v.ValueDescription)));
    }
}
