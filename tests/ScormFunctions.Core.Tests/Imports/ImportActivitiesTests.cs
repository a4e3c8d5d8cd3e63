using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Storage;
using ScormFunctions.Core.Tests.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Core.Tests.Imports;

/// <summary>The import steps on Azurite records with a substituted SCORM Cloud client: safe retries of the start, 409 rules, poll mapping, idempotent recording.</summary>
public sealed class ImportActivitiesTests : IAsyncLifetime
{
    private readonly ScormCloudClient cloud = Substitute.For<ScormCloudClient>();
    private ImportRepository imports = null!;
    private CourseRepository courses = null!;
    private ImportActivities activities = null!;
    private StorageTestContext storageContext = null!;
    private StorageOptions storage = null!;
    private ImportPostbackSigner postbacks = null!;
    private ServiceProvider services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        storageContext = new StorageTestContext();
        await storageContext.InitializeAsync();
        var prefix = storageContext.TablePrefix;
        storage = new StorageOptions { ConnectionString = Azurite.ConnectionString, TablePrefix = prefix, UploadsContainer = prefix + "-uploads" };
        imports = new ImportRepository(storageContext.Tables, TimeProvider.System);
        courses = new CourseRepository(storageContext.Tables, TimeProvider.System);
        var signing = Options.Create(new SigningOptions { PostbackKey = Convert.ToBase64String(new byte[32]), LaunchKey = Convert.ToBase64String(new byte[32]) });
        services = new ServiceCollection().AddSingleton(cloud).BuildServiceProvider();
        postbacks = new ImportPostbackSigner(signing, Options.Create(new AppOptions { PublicBaseUrl = new Uri("http://127.0.0.1:7071") }));
        activities = new ImportActivities(imports, courses, storageContext.Containers, new AccountKeyUploadUrlSigner(TimeProvider.System),
            postbacks, services, Options.Create(new ImportOptions()),
            Options.Create(storage), TimeProvider.System, NullLogger<ImportActivities>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await storageContext.DisposeAsync();
    }

    private async Task<ImportActivityInput> NewImportAsync(int startAttempts = 0, string? jobId = null, TimeSpan? lastAttemptAgo = null, string? title = null)
    {
        var courseId = "c-" + Guid.NewGuid().ToString("N")[..8];
        var importId = Guid.NewGuid().ToString("N");
        await courses.GetOrCreateAsync(courseId, Ct);
        await imports.InsertAsync(new ImportEntity
        {
            PartitionKey = courseId, RowKey = importId, Mode = "fetch", BlobName = $"{courseId}/{importId}.zip",
            StartedAt = DateTimeOffset.UtcNow, Deadline = DateTimeOffset.UtcNow.AddHours(3), StartAttempts = startAttempts, JobId = jobId,
            UnansweredStartAt = DateTimeOffset.UtcNow - lastAttemptAgo, Title = title,
        }, Ct);
        return new ImportActivityInput(courseId, importId, jobId);
    }

    private static ScormCloudException AlreadyExists(string courseId) =>
        new(409, $"Course [{courseId}] already exists and mayCreateNewVersion is false.", "409");

    [Fact]
    public async Task Start_with_a_recorded_job_does_not_start_another()
    {
        var input = await NewImportAsync(startAttempts: 1, jobId: "job-1");

        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservation.Started("job-1"), observation);
        await cloud.DidNotReceiveWithAnyArgs().CreateFetchImportJobAsync(default!, default!, default, Ct);
    }

    [Fact]
    public async Task Start_records_the_job_and_a_signed_postback_url()
    {
        var input = await NewImportAsync();
        FetchImportOptions? sent = null;
        Uri? packageUrl = null;
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Do<Uri>(u => packageUrl = u), Arg.Do<FetchImportOptions>(o => sent = o), Arg.Any<CancellationToken>())
            .Returns("job-1");

        var observation = await activities.StartJobAsync(input, Ct);
        var record = await imports.GetAsync(input.CourseId, input.ImportId, Ct);

        Assert.Equal(ImportObservationKind.JobStarted, observation.Kind);
        Assert.Equal("job-1", record!.JobId);
        Assert.Equal(1, record.StartAttempts);
        Assert.Contains("sp=r", packageUrl!.Query, StringComparison.Ordinal);
        Assert.False(sent!.MayCreateNewVersion);
        Assert.Contains($"/api/postbacks/imports/{input.ImportId}?courseId={input.CourseId}&sig=", sent.PostbackUrl!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflict_on_the_first_start_fails_with_scorm_clouds_message()
    {
        var input = await NewImportAsync();
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(AlreadyExists(input.CourseId));

        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservationKind.StartRefused, observation.Kind);
        Assert.Contains("already exists", observation.Message, StringComparison.Ordinal);
        await cloud.Received(1).CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Conflict_after_a_lost_earlier_start_is_retried_as_a_new_version()
    {
        var input = await NewImportAsync(startAttempts: 1);
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => !o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .ThrowsAsync(AlreadyExists(input.CourseId));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .Returns("job-2");

        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservation.Started("job-2"), observation);
        Assert.Equal("job-2", (await imports.GetAsync(input.CourseId, input.ImportId, Ct))!.JobId);
    }

    [Fact]
    public async Task A_lost_earlier_start_whose_course_exists_is_the_result_and_nothing_is_imported_again()
    {
        var input = await NewImportAsync(startAttempts: 1, lastAttemptAgo: TimeSpan.FromMinutes(1), title: "Golf");
        cloud.GetCourseAsync(input.CourseId, Arg.Any<CancellationToken>()).Returns(
            ScormCloudModelFactory.Course(input.CourseId, "Golf", 0, ScormCloud.Client.Models.LearningStandard.Scorm12));

        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservationKind.Complete, observation.Kind);
        Assert.Null(observation.JobId);
        Assert.Equal(("Golf", "SCORM12", 0), (observation.Title, observation.LearningStandard, observation.Version));
        Assert.Equal(1, (await imports.GetAsync(input.CourseId, input.ImportId, Ct))!.StartAttempts);
        await cloud.DidNotReceiveWithAnyArgs().CreateFetchImportJobAsync(default!, default!, default, Ct);
    }

    [Fact]
    public async Task A_lost_earlier_start_is_waited_for_then_started_again_when_no_course_appears()
    {
        var recent = await NewImportAsync(startAttempts: 1, lastAttemptAgo: TimeSpan.FromSeconds(10));
        var old = await NewImportAsync(startAttempts: 1, lastAttemptAgo: new ImportOptions().LostStartWait + TimeSpan.FromSeconds(1));
        cloud.GetCourseAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ScormCloudException(404, "Course not found.", "404"));
        cloud.CreateFetchImportJobAsync(old.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>()).Returns("job-2");

        var waiting = await activities.StartJobAsync(recent, Ct);
        var startedAgain = await activities.StartJobAsync(old, Ct);

        Assert.Equal(ImportObservationKind.Unavailable, waiting.Kind);
        Assert.Equal(1, (await imports.GetAsync(recent.CourseId, recent.ImportId, Ct))!.StartAttempts);
        await cloud.DidNotReceive().CreateFetchImportJobAsync(recent.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>());
        Assert.Equal(ImportObservation.Started("job-2"), startedAgain);
        Assert.Equal(2, (await imports.GetAsync(old.CourseId, old.ImportId, Ct))!.StartAttempts);
    }

    [Fact]
    public async Task A_start_answered_with_a_server_error_is_started_again_at_once_not_waited_for()
    {
        var input = await NewImportAsync();
        cloud.GetCourseAsync(input.CourseId, Arg.Any<CancellationToken>()).ThrowsAsync(new ScormCloudException(404, "Course not found.", "404"));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>())
            .Returns<string>(_ => throw new ScormCloudException(503, "Service unavailable.", "503"), _ => "job-2");

        await Assert.ThrowsAsync<ScormCloudException>(() => activities.StartJobAsync(input, Ct));
        var again = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservation.Started("job-2"), again);
        Assert.Equal(2, (await imports.GetAsync(input.CourseId, input.ImportId, Ct))!.StartAttempts);
    }

    [Fact]
    public async Task Starts_answered_with_a_server_error_and_then_a_rate_limit_are_started_again_at_once()
    {
        // The fault test's sequence: a 5xx (counted, answered), then a 429 (uncounted, answered). Neither answer was
        // lost, so the third call is made at once instead of waiting Imports:LostStartWait for a job neither started.
        var input = await NewImportAsync();
        cloud.GetCourseAsync(input.CourseId, Arg.Any<CancellationToken>()).ThrowsAsync(new ScormCloudException(404, "Course not found.", "404"));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>())
            .Returns<string>(
                _ => throw new ScormCloudException(503, "Service unavailable.", "503"),
                _ => throw new ScormCloudException(429, "Too many requests.", "429"),
                _ => "job-3");

        await Assert.ThrowsAsync<ScormCloudException>(() => activities.StartJobAsync(input, Ct));
        await Assert.ThrowsAsync<ScormCloudException>(() => activities.StartJobAsync(input, Ct));
        var third = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservation.Started("job-3"), third);
        Assert.Equal(2, (await imports.GetAsync(input.CourseId, input.ImportId, Ct))!.StartAttempts);
    }

    [Fact]
    public async Task A_rate_limited_call_after_a_lost_one_leaves_the_lost_ones_time()
    {
        // An answer to a later call says nothing about the lost one, and the later call is no longer unanswered.
        var input = await NewImportAsync(startAttempts: 1, lastAttemptAgo: new ImportOptions().LostStartWait + TimeSpan.FromSeconds(1));
        var lostAt = (await imports.GetAsync(input.CourseId, input.ImportId, Ct))!.UnansweredStartAt;
        cloud.GetCourseAsync(input.CourseId, Arg.Any<CancellationToken>()).ThrowsAsync(new ScormCloudException(404, "Course not found.", "404"));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ScormCloudException(429, "Too many requests.", "429"));

        await Assert.ThrowsAsync<ScormCloudException>(() => activities.StartJobAsync(input, Ct));
        var after = await imports.GetAsync(input.CourseId, input.ImportId, Ct);

        Assert.Equal(1, after!.StartAttempts);
        Assert.Equal(lostAt, after.UnansweredStartAt);
        await cloud.Received(1).CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_lost_earlier_start_and_a_course_with_another_title_is_not_taken_for_its_result()
    {
        var input = await NewImportAsync(startAttempts: 1, lastAttemptAgo: TimeSpan.FromMinutes(1), title: "Golf");
        cloud.GetCourseAsync(input.CourseId, Arg.Any<CancellationToken>()).Returns(
            ScormCloudModelFactory.Course(input.CourseId, "Someone else's course", 0, ScormCloud.Client.Models.LearningStandard.Scorm12));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => !o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .ThrowsAsync(AlreadyExists(input.CourseId));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .Returns("job-2");

        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservation.Started("job-2"), observation);
    }

    [Fact]
    public async Task Conflict_after_an_earlier_start_that_was_rate_limited_is_a_real_conflict()
    {
        // A 429 is an answer, not a lost one: that call started no job, so the later 409 means the course really
        // exists and the admin did not ask for a new version. It must not be taken for our own ghost.
        var input = await NewImportAsync();
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => !o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .Returns(
                Task.FromException<string>(new ScormCloudException(429, "Too many requests.", "429")),
                Task.FromException<string>(AlreadyExists(input.CourseId)));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .Returns("job-new-version");

        await Assert.ThrowsAsync<ScormCloudException>(() => activities.StartJobAsync(input, Ct));
        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservationKind.StartRefused, observation.Kind);
        Assert.Contains("already exists", observation.Message, StringComparison.Ordinal);
        await cloud.DidNotReceive().CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => o.MayCreateNewVersion), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Conflict_after_an_earlier_start_that_failed_in_storage_is_a_real_conflict()
    {
        // The read SAS could not be signed (storage down): SCORM Cloud was never called, so nothing can be a ghost.
        var input = await NewImportAsync();
        var signer = Substitute.For<IUploadUrlSigner>();
        signer.SignReadAsync(Arg.Any<Azure.Storage.Blobs.BlobClient>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(
            Task.FromException<Uri>(new Azure.RequestFailedException(503, "Storage is down.")),
            Task.FromResult(new Uri("https://storage.example/uploads/p.zip?sig=x")));
        var withSigner = new ImportActivities(imports, courses, storageContext.Containers, signer, postbacks, services, Options.Create(new ImportOptions()),
            Options.Create(storage), TimeProvider.System, NullLogger<ImportActivities>.Instance);
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => !o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .ThrowsAsync(AlreadyExists(input.CourseId));
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => o.MayCreateNewVersion), Arg.Any<CancellationToken>())
            .Returns("job-new-version");

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => withSigner.StartJobAsync(input, Ct));
        var observation = await withSigner.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservationKind.StartRefused, observation.Kind);
        await cloud.DidNotReceive().CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Is<FetchImportOptions>(o => o.MayCreateNewVersion), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(503, 1)]
    [InlineData(429, 0)]
    [InlineData(0, 1)]
    public async Task Transient_failure_throws_for_the_retry_policy_and_records_nothing_but_an_attempt_whose_answer_is_unknown(int status, int attempts)
    {
        var input = await NewImportAsync();
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Any<Uri>(), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ScormCloudException(status, null, "down"));

        await Assert.ThrowsAsync<ScormCloudException>(() => activities.StartJobAsync(input, Ct));
        var record = await imports.GetAsync(input.CourseId, input.ImportId, Ct);

        Assert.Null(record!.JobId);
        Assert.Equal(attempts, record.StartAttempts);
    }

    [Fact]
    public async Task Poll_maps_complete_running_error_and_unknown_job()
    {
        var input = await NewImportAsync(jobId: "job-1");
        var complete = ScormCloudModelFactory.ImportJobResult("job-1", ImportJobStatus.Complete, null,
            ScormCloudModelFactory.ImportResult(
                ScormCloudModelFactory.Course("c", "Golf", 2, ScormCloud.Client.Models.LearningStandard.Scorm2004ThirdEdition),
                parserWarnings: ["w1"]));
        cloud.GetImportJobStatusAsync("job-1", Arg.Any<CancellationToken>()).Returns(
            ScormCloudModelFactory.ImportJobResult("job-1", ImportJobStatus.Running, null, null),
            complete,
            ScormCloudModelFactory.ImportJobResult("job-1", ImportJobStatus.Error, "Bad manifest", null));

        var running = await activities.PollAsync(input, Ct);
        var done = await activities.PollAsync(input, Ct);
        var error = await activities.PollAsync(input, Ct);
        cloud.GetImportJobStatusAsync("job-1", Arg.Any<CancellationToken>()).ThrowsAsync(new ScormCloudException(404, "Not found", "404"));
        var unknown = await activities.PollAsync(input, Ct);

        Assert.Equal(ImportObservationKind.Running, running.Kind);
        Assert.Equal(ImportObservationKind.Complete, done.Kind);
        Assert.Equal("Golf", done.Title);
        Assert.Equal("SCORM20043RDEDITION", done.LearningStandard);
        Assert.Equal(2, done.Version);
        Assert.Equal(["w1"], done.ParserWarnings!);
        Assert.Equal(ImportObservation.Failed("job-1", "Bad manifest"), error);
        Assert.Equal(ImportObservationKind.Error, unknown.Kind);
    }

    [Fact]
    public async Task Recording_is_idempotent_and_a_late_contrary_outcome_does_not_overwrite()
    {
        var input = await NewImportAsync(jobId: "job-1");
        var success = new ImportOutcome(input.CourseId, input.ImportId, ImportStatus.Succeeded, "job-1", "Golf", "SCORM12", 0, [], null);

        await activities.RecordAsync(success, Ct);
        var first = await imports.GetAsync(input.CourseId, input.ImportId, Ct);
        await activities.RecordAsync(success, Ct);
        await activities.RecordAsync(success with { Status = ImportStatus.Failed, Error = "late" }, Ct);
        var last = await imports.GetAsync(input.CourseId, input.ImportId, Ct);
        var course = await courses.GetAsync(input.CourseId, Ct);

        Assert.Equal(ImportStatus.Succeeded, last!.Status);
        Assert.Equal(first!.FinishedAt, last.FinishedAt);
        Assert.Null(last.Error);
        Assert.Equal(CourseStatus.Ready, course!.Status);
        Assert.Equal("Golf", course.Title);
        Assert.Equal(0, course.Version);
        Assert.Null(course.LastError);
    }

    /// <summary>An import whose package (bytes <paramref name="inspected"/>) was inspected, then overwritten with <paramref name="swapped"/>.</summary>
    private async Task<(ImportActivityInput Input, Azure.Storage.Blobs.BlobClient Blob)> InspectedThenSwappedAsync(string mode, byte[] inspected, byte[]? swapped)
    {
        var input = await NewImportAsync();
        var container = await storageContext.Containers.GetContainerAsync(storage.UploadsContainer, Ct);
        var blob = container.GetBlobClient($"{input.CourseId}/{input.ImportId}.zip");
        var uploaded = await blob.UploadAsync(new BinaryData(inspected), Ct);
        await imports.UpdateWithRetryAsync(input.CourseId, input.ImportId, i =>
        {
            i.Mode = mode;
            i.PackageETag = uploaded.Value.ETag.ToString();
            return true;
        }, Ct);
        if (swapped is not null) await blob.UploadAsync(new BinaryData(swapped), overwrite: true, Ct);
        return (input, blob);
    }

    [Theory]
    [InlineData("fetch")]
    [InlineData("relay")]
    public async Task A_package_overwritten_after_inspection_is_refused_and_never_reaches_scorm_cloud(string mode)
    {
        // Issue 12 item 2: the upload URL still allows writes after the import-start checks.
        var (input, _) = await InspectedThenSwappedAsync(mode, "inspected-package"u8.ToArray(), "swapped-unchecked-package"u8.ToArray());
        cloud.CreateFetchImportJobAsync(default!, default!, default, Ct).ReturnsForAnyArgs("job-fetch");
        cloud.CreateUploadImportJobAsync(default!, default!, default, Ct).ReturnsForAnyArgs("job-relay");

        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservationKind.StartRefused, observation.Kind);
        Assert.Equal(ImportActivities.PackageChanged, observation.Message);
        await cloud.DidNotReceiveWithAnyArgs().CreateFetchImportJobAsync(default!, default!, default, Ct);
        await cloud.DidNotReceiveWithAnyArgs().CreateUploadImportJobAsync(default!, default!, default, Ct);
    }

    [Fact]
    public async Task Fetch_mode_hands_scorm_cloud_a_snapshot_of_the_inspected_bytes()
    {
        var (input, blob) = await InspectedThenSwappedAsync("fetch", "inspected-package"u8.ToArray(), swapped: null);
        Uri? packageUrl = null;
        cloud.CreateFetchImportJobAsync(input.CourseId, Arg.Do<Uri>(u => packageUrl = u), Arg.Any<FetchImportOptions>(), Arg.Any<CancellationToken>())
            .Returns("job-1");

        var observation = await activities.StartJobAsync(input, Ct);
        // Overwritten after SCORM Cloud got its URL, before it fetched.
        await blob.UploadAsync(new BinaryData("swapped-unchecked-package"u8.ToArray()), overwrite: true, Ct);
        using var http = new HttpClient();
        var fetched = await http.GetStringAsync(packageUrl, Ct);

        Assert.Equal(ImportObservation.Started("job-1"), observation);
        Assert.Contains("snapshot=", packageUrl!.Query, StringComparison.Ordinal);
        Assert.Equal("inspected-package", fetched);
    }

    [Fact]
    public async Task Relay_mode_sends_scorm_cloud_the_inspected_bytes()
    {
        var (input, _) = await InspectedThenSwappedAsync("relay", "inspected-package"u8.ToArray(), swapped: null);
        string? relayed = null;
        cloud.CreateUploadImportJobAsync(input.CourseId, Arg.Any<Stream>(), Arg.Any<UploadImportOptions>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                using var reader = new StreamReader(call.ArgAt<Stream>(1));
                relayed = await reader.ReadToEndAsync();
                return "job-2";
            });

        var observation = await activities.StartJobAsync(input, Ct);

        Assert.Equal(ImportObservation.Started("job-2"), observation);
        Assert.Equal("inspected-package", relayed);
    }

    [Fact]
    public async Task A_successful_fetch_import_deletes_the_upload_and_its_snapshot()
    {
        var (input, blob) = await InspectedThenSwappedAsync("fetch", "inspected-package"u8.ToArray(), swapped: null);
        cloud.CreateFetchImportJobAsync(default!, default!, default, Ct).ReturnsForAnyArgs("job-3");
        await activities.StartJobAsync(input, Ct);

        await activities.RecordAsync(new ImportOutcome(input.CourseId, input.ImportId, ImportStatus.Succeeded, "job-3", "T", "SCORM12", 1, [], null), Ct);

        var container = await storageContext.Containers.GetContainerAsync(storage.UploadsContainer, Ct);
        var left = new List<string>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.Snapshots, blob.Name, Ct))
        {
            left.Add(item.Name + item.Snapshot);
        }
        Assert.Empty(left);
    }
}
