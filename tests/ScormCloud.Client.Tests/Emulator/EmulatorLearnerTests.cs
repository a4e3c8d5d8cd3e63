using ScormCloud.Client.Models;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>What a learner deletion asks of SCORM Cloud, against the emulator: registration deletes that say whether there was one, and LearnerApi.DeleteAllLearnerData.</summary>
public sealed class EmulatorLearnerTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string CourseId = "learner-course";
    private readonly EmulatorClient _emulator = new(fixture.Server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScormCloudClient Client => _emulator.Client;

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task TryDeleteSaysWhetherThereWasOneAndLearnerDataDeletionKeepsTheRegistrationsWithoutNameOrEmail()
    {
        var job = await ImportPolling.UploadAsync(Client, CourseId, "synthetic_scorm12_minimal_autopass.zip", Ct);
        Assert.Equal(ImportJobStatus.Complete, job.Status);
        var learner = "gdpr-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var id in new[] { learner + "-1", learner + "-2" })
        {
            await Client.CreateRegistrationAsync(new CreateRegistrationRequest(CourseId, id,
                new Learner(learner) { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.org" }), Ct);
        }

        var deleted = await Client.TryDeleteRegistrationAsync(learner + "-1", Ct);
        var again = await Client.TryDeleteRegistrationAsync(learner + "-1", Ct);
        await Client.DeleteLearnerDataAsync(learner, "owner@example.org", Ct);
        var kept = await Client.GetRegistrationProgressAsync(learner + "-2", cancellationToken: Ct);

        Assert.Equal((true, false), (deleted, again));
        Assert.Equal((learner, null, null, null), (kept.Learner?.Id, kept.Learner?.FirstName, kept.Learner?.LastName, kept.Learner?.Email));
    }
}
