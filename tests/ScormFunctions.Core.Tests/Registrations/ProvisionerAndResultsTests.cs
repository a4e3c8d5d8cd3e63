using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Registrations.Retakes;
using ScormFunctions.Core.Tests.Storage;

namespace ScormFunctions.Core.Tests.Registrations;

/// <summary>The create transaction against a substituted SCORM Cloud, and order-safe result writes, on Azurite.</summary>
public sealed class ProvisionerAndResultsTests(StorageTestContext storage) : IClassFixture<StorageTestContext>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ScormCloudClient cloud = Substitute.For<ScormCloudClient>();

    private RegistrationRepository Registrations => new(storage.Tables, TimeProvider.System);

    private RegistrationProvisioner Provisioner => new(
        Registrations, cloud,
        new PostbackCredentials(Options.Create(new SigningOptions { PostbackKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) })),
        Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://api.example.org") }),
        Options.Create(new RegistrationOptions()), TimeProvider.System, NullLogger<RegistrationProvisioner>.Instance);

    private RegistrationResultsStore Results => new(
        Registrations, storage.Containers, new RegistrationInstanceHistory(storage.Tables), Options.Create(new RegistrationOptions { ResultsContainer = "results-" + Guid.NewGuid().ToString("N")[..8] }),
        TimeProvider.System, NullLogger<RegistrationResultsStore>.Instance);

    private static NewRegistration Request(string id) => new(id, "course-1", "learner-1", "Ada", "Lovelace", null);

    [Fact]
    public async Task CreateSendsExplicitPostbackSettingsAndActivates()
    {
        var id = "reg-" + Guid.NewGuid();
        CreateRegistrationRequest? sent = null;
        cloud.CreateRegistrationAsync(Arg.Do<CreateRegistrationRequest>(r => sent = r), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

        var outcome = await Provisioner.EnsureAsync(Request(id), Ct);

        Assert.Equal(ProvisionStatus.Created, outcome.Status);
        Assert.Equal(RegistrationState.Active, (await Registrations.GetAsync(id, Ct))!.State);
        Assert.Equal(new Uri("https://api.example.org/api/postbacks/registrations"), sent!.PostBack!.Url);
        Assert.Equal(PostBackAuthType.HttpBasic, sent.PostBack.AuthType);
        Assert.Equal(PostBackResultsFormat.Full, sent.PostBack.ResultsFormat);
        Assert.Equal(id, sent.PostBack.UserName);
        Assert.False(string.IsNullOrEmpty(sent.PostBack.Password));
        Assert.False(sent.PostBack.Legacy);
        Assert.Null((await Registrations.GetAsync(id, Ct))!.FailureReason);
    }

    [Fact]
    public async Task RefusalRemovesOurRecord()
    {
        var id = "reg-" + Guid.NewGuid();
        cloud.CreateRegistrationAsync(Arg.Any<CreateRegistrationRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ScormCloudException(404, "Could not find course [course-1]", "404"));

        var outcome = await Provisioner.EnsureAsync(Request(id), Ct);

        Assert.Equal(ProvisionStatus.Refused, outcome.Status);
        Assert.Null(await Registrations.GetAsync(id, Ct));
        var page = await Registrations.ListByLearnerAsync("learner-1", 200, null, Ct);
        Assert.DoesNotContain(page.Items, r => r.PartitionKey == id);
    }

    [Fact]
    public async Task LostAnswerLeavesPendingAndTheRetryConfirmsInsteadOfCreatingAgain()
    {
        var id = "reg-" + Guid.NewGuid();
        cloud.CreateRegistrationAsync(Arg.Any<CreateRegistrationRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ScormCloudException(0, null, "timeout"));
        var first = await Provisioner.EnsureAsync(Request(id), Ct);
        cloud.RegistrationExistsAsync(id, Arg.Any<CancellationToken>()).Returns(true);
        cloud.GetRegistrationProgressAsync(id, Arg.Any<RegistrationProgressOptions?>(), Arg.Any<CancellationToken>())
            .Returns(new Registration { Id = id, Course = new CourseReference { Id = "course-1" }, Learner = new Learner("learner-1") });

        var second = await Provisioner.EnsureAsync(Request(id), Ct);

        Assert.Equal(ProvisionStatus.Unavailable, first.Status);
        Assert.Equal(ProvisionStatus.Existing, second.Status);
        Assert.Equal(RegistrationState.Active, (await Registrations.GetAsync(id, Ct))!.State);
        await cloud.Received(1).CreateRegistrationAsync(Arg.Any<CreateRegistrationRequest>(), Arg.Any<CancellationToken>());
        await cloud.Received(1).SetRegistrationConfigurationAsync(id, Arg.Any<IEnumerable<RegistrationSettingValue>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AlreadyExistsForSomeoneElseIsAConflictAndOurRecordIsMarkedFailed()
    {
        var id = "reg-" + Guid.NewGuid();
        cloud.CreateRegistrationAsync(Arg.Any<CreateRegistrationRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ScormCloudException(400, $"Registration with id [{id}] already exists", "400"));
        cloud.GetRegistrationProgressAsync(id, Arg.Any<RegistrationProgressOptions?>(), Arg.Any<CancellationToken>())
            .Returns(new Registration { Id = id, Course = new CourseReference { Id = "other-course" }, Learner = new Learner("learner-1") });

        var outcome = await Provisioner.EnsureAsync(Request(id), Ct);
        var record = await Registrations.GetAsync(id, Ct);

        Assert.Equal(ProvisionStatus.Conflict, outcome.Status);
        Assert.Equal(RegistrationState.Failed, record!.State);
        Assert.Contains("taken", record.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentResultsEndWithTheNewestWhateverTheOrder()
    {
        var id = "reg-" + Guid.NewGuid();
        cloud.CreateRegistrationAsync(Arg.Any<CreateRegistrationRequest>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        await Provisioner.EnsureAsync(Request(id), Ct);
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var reports = Enumerable.Range(1, 8).Select(i => new Registration
        {
            Id = id,
            Updated = start.AddSeconds(i),
            RegistrationCompletion = i == 8 ? RegistrationCompletion.Completed : RegistrationCompletion.Incomplete,
            Score = new Score { Scaled = i * 10 },
            TotalSecondsTracked = i,
        }).Reverse().ToList();
        var results = Results;

        var outcomes = await Task.WhenAll(reports.Select(r => results.ApplyAsync(id, r, "test", Ct)));
        var record = (await Registrations.GetAsync(id, Ct))!;

        Assert.Contains(ResultsApplyOutcome.Applied, outcomes);
        Assert.Equal("completed", record.Completion);
        Assert.Equal(80, record.Score);
        Assert.Equal(start.AddSeconds(8), record.ReportedUpdatedAt);
        Assert.Equal(ResultsApplyOutcome.Stale, await results.ApplyAsync(id, reports[^1], "test", Ct));
        Assert.Equal(ResultsApplyOutcome.Duplicate, await results.ApplyAsync(id, reports[0], "test", Ct));
    }

    [Fact]
    public async Task ActivityDetailsGoToABlobNamedAfterTheUpdate()
    {
        var id = "reg-" + Guid.NewGuid();
        cloud.CreateRegistrationAsync(Arg.Any<CreateRegistrationRequest>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        await Provisioner.EnsureAsync(Request(id), Ct);
        var results = Results;
        var updated = DateTimeOffset.UtcNow;

        await results.ApplyAsync(id, new Registration
        {
            Id = id, Updated = updated,
            ActivityDetails = new ActivityResult { Id = "root", Runtime = new Runtime { Location = "page-3" } },
        }, "test", Ct);
        var record = (await Registrations.GetAsync(id, Ct))!;
        await using var details = await results.OpenDetailsAsync(record, Ct);
        using var reader = new StreamReader(details!);
        var json = await reader.ReadToEndAsync(Ct);

        Assert.EndsWith($"{updated.UtcTicks:D19}.json", record.DetailsBlob, StringComparison.Ordinal);
        Assert.Contains("\"location\":\"page-3\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsForUnknownRegistrationAreIgnored()
    {
        var outcome = await Results.ApplyAsync("reg-none-" + Guid.NewGuid(), new Registration { Id = "x", Updated = DateTimeOffset.UtcNow }, "test", Ct);

        Assert.Equal(ResultsApplyOutcome.Unknown, outcome);
    }
}
