using ScormCloud.Client.Models;

namespace ScormCloud.Client.Tests.Emulator;

public sealed class EmulatorCourseTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorClient _emulator = new(fixture.Server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScormCloudClient Client => _emulator.Client;

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task PingAnswers()
    {
        var ping = await Client.PingAsync(Ct);

        Assert.False(string.IsNullOrEmpty(ping.ApiMessage));
        Assert.NotNull(ping.CurrentTime);
    }

    [Theory]
    [InlineData("scorm12_golf_runtime_basic_calls_single_sco.zip", LearningStandard.Scorm12)]
    [InlineData("scorm2004_3rd_golf_runtime_basic_calls_single_sco.zip", LearningStandard.Scorm2004ThirdEdition)]
    [InlineData("scorm2004_4th_golf_sequencing_posttest_rollup.zip", LearningStandard.Scorm2004FourthEdition)]
    [InlineData("cmi5_catapult_multi_au_framed.zip", LearningStandard.Cmi5)]
    [InlineData("xapi_tincan_golf_example.zip", LearningStandard.Xapi)]
    public async Task StreamedUploadOfARealPackageImportsTheCourse(string packageName, LearningStandard expected)
    {
        var courseId = "upload-" + Path.GetFileNameWithoutExtension(packageName);

        var job = await ImportPolling.UploadAsync(Client, courseId, packageName, Ct);

        Assert.Equal(ImportJobStatus.Complete, job.Status);
        Assert.Equal(courseId, job.ImportResult?.Course?.Id);
        var course = await Client.GetCourseAsync(courseId, Ct);
        Assert.Equal(expected, course.CourseLearningStandard);
        Assert.False(string.IsNullOrEmpty(course.Title));
        Assert.Equal(1, _emulator.Attempts.Count("POST", "/api/v2/courses/importJobs/upload"));
    }

    [Fact]
    public async Task SecondUploadIsAConflictUnlessNewVersionsAreAllowed()
    {
        const string courseId = "versions";
        Assert.Equal(ImportJobStatus.Complete, (await ImportPolling.UploadAsync(Client, courseId, "synthetic_scorm12_minimal_autopass.zip", Ct)).Status);

        var conflict = await Assert.ThrowsAsync<ScormCloudException>(
            () => ImportPolling.UploadAsync(Client, courseId, "synthetic_scorm12_minimal_autopass.zip", Ct));
        var second = await ImportPolling.UploadAsync(Client, courseId, "synthetic_scorm12_minimal_autopass.zip", Ct, mayCreateNewVersion: true);

        Assert.Equal(409, conflict.Status);
        Assert.True(conflict.IsAlreadyExists);
        Assert.Equal(ImportJobStatus.Complete, second.Status);
        var course = await Client.GetCourseAsync(courseId, Ct);
        Assert.Equal(1, course.Version);
    }

    [Fact]
    public async Task FetchImportDownloadsFromALoopbackUrl()
    {
        var jobId = await Client.CreateFetchImportJobAsync(
            "fetched", fixture.Side.PackageUrl("synthetic_scorm2004_4th_minimal_autopass.zip"), cancellationToken: Ct);

        var job = await ImportPolling.WaitAsync(Client, jobId, Ct);

        Assert.Equal(ImportJobStatus.Complete, job.Status);
        Assert.Equal(LearningStandard.Scorm2004FourthEdition, (await Client.GetCourseAsync("fetched", Ct)).CourseLearningStandard);
    }

    [Fact]
    public async Task FetchImportOfAMissingPackageEndsInError()
    {
        var jobId = await Client.CreateFetchImportJobAsync("fetch-missing", new Uri(fixture.Side.Origin, "/nothing-here.zip"), cancellationToken: Ct);

        var job = await ImportPolling.WaitAsync(Client, jobId, Ct);

        Assert.Equal(ImportJobStatus.Error, job.Status);
        Assert.False(string.IsNullOrEmpty(job.Message));
    }

    [Fact]
    public async Task UnknownImportJobIsNotFound()
    {
        var error = await Assert.ThrowsAsync<ScormCloudException>(() => Client.GetImportJobStatusAsync("no-such-job", Ct));

        Assert.True(error.IsNotFound);
        Assert.Contains("no-such-job", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteCourseIsIdempotentAndTheCourseIsGone()
    {
        await ImportPolling.UploadAsync(Client, "to-delete", "synthetic_scorm12_minimal_autopass.zip", Ct);

        await Client.DeleteCourseAsync("to-delete", Ct);
        await Client.DeleteCourseAsync("to-delete", Ct);
        var error = await Assert.ThrowsAsync<ScormCloudException>(() => Client.GetCourseAsync("to-delete", Ct));

        Assert.True(error.IsNotFound);
        Assert.Equal("Could not find course [to-delete]", error.ServiceMessage);
    }

    [Fact]
    public async Task WrongSecretIsUnauthorized()
    {
        using var wrong = new EmulatorClient(fixture.Server, new Dictionary<string, string?> { ["ScormCloud:SecretKey"] = "not-the-secret" });

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => wrong.Client.PingAsync(Ct));

        Assert.Equal(401, error.Status);
        Assert.True(error.IsUnauthorized);
        Assert.Equal("Authorization Required.", error.ServiceMessage);
        Assert.Single(wrong.Attempts.Attempts);
    }
}
