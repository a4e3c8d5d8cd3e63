using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Emulator.Faults;
using ScormCloud.Emulator.Store;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Storage;
using ScormFunctions.LocalHost.FunctionalTests.Imports;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Privacy;

/// <summary>The local host process killed (SIGKILL) in the middle of a learner deletion; a fresh host finishes the pass.</summary>
public sealed class LearnerDeletionKillTests
{
    private const int Registrations = 6;

    [Fact]
    public async Task Host_process_killed_mid_deletion_the_restarted_host_finishes_the_pass()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];
        var port = ImportHarness.FreePort();
        var settings = LocalHostProcess.Settings(emulator, port, prefix);
        foreach (var (key, value) in LearnerDeletionTests.Settings()) settings[key] = value;
        settings["Privacy:BatchSize"] = "1";
        var course = "golf-" + Guid.NewGuid().ToString("N")[..8];
        await ImportAndRecordCourseAsync(emulator, prefix, course);
        var ada = "ada-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, Registrations).Select(i => $"r{i}-{ada}").ToList();
        // Each SCORM Cloud call takes 300 ms: a pass of one registration per batch takes seconds, long enough to kill it midway.
        emulator.Services.GetRequiredService<FaultState>().Set(new FaultOptions { Latency = TimeSpan.FromMilliseconds(300) });

        JsonElement beforeKill;
        await using (var first = await LocalHostProcess.StartAsync(port, settings))
        {
            using var admin = LearnerDeletionTests.Patient(await first.ClientForAsync("ada-admin", "admin"));
            foreach (var id in ids) await AssignAsync(admin, course, ada, id);
            using var delete = await admin.DeleteAsync($"api/learners/{ada}", Ct);
            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
            var until = DateTime.UtcNow.AddMinutes(5);
            do
            {
                await Task.Delay(100, Ct);
                beforeKill = await GetJsonAsync(admin, $"api/learners/{ada}/deletion");
                Assert.True(DateTime.UtcNow < until, "The pass made no progress: " + beforeKill);
            }
            while (beforeKill.GetProperty("deleted").GetProperty("registrations").GetInt32() < 2);

            await first.KillAsync();
        }

        await using var second = await LocalHostProcess.StartAsync(port, settings);
        using var admin2 = LearnerDeletionTests.Patient(await second.ClientForAsync("ada-admin", "admin"));
        var deletion = await LearnerDeletionTests.EndOfPassAsync(admin2, new Uri($"api/learners/{ada}/deletion", UriKind.Relative));

        Assert.Equal("running", beforeKill.GetProperty("status").GetString());
        Assert.True(beforeKill.GetProperty("deleted").GetProperty("registrations").GetInt32() < Registrations, "killed before the end: " + beforeKill);
        Assert.Equal(("completed", "requested"), (deletion.GetProperty("status").GetString(), deletion.GetProperty("scormCloudLearnerData").GetString()));
        Assert.Equal(beforeKill.GetProperty("deletionId").GetString(), deletion.GetProperty("deletionId").GetString());
        // A step killed between a deletion and writing its count may leave that one batch (of 1) uncounted: never more.
        var deleted = deletion.GetProperty("deleted");
        Assert.InRange(deleted.GetProperty("registrations").GetInt32(), Registrations - 1, Registrations);
        Assert.InRange(deleted.GetProperty("scormCloudRegistrations").GetInt32(), Registrations - 1, Registrations);
        foreach (var id in ids)
        {
            Assert.Equal(HeldData.Nothing, await HeldData.ReadAsync(prefix, prefix + "-results", prefix + "-postbacks", emulator, id, course, ada, Ct));
        }
        Assert.DoesNotContain(emulator.Services.GetRequiredService<EmulatorStore>().Registrations.Values, r => r.Learner.Id == ada);
    }

    /// <summary>The course in the emulator and our record of it (ready), without a host: the processes only assign and delete.</summary>
    private static async Task ImportAndRecordCourseAsync(EmulatorServer emulator, string prefix, string courseId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ScormCloud:BaseUrl"] = emulator.BaseUrl.AbsoluteUri, ["ScormCloud:AppId"] = emulator.AppId, ["ScormCloud:SecretKey"] = emulator.SecretKey,
        }).Build();
        await using var services = new ServiceCollection().AddScormCloudClient(configuration.GetSection("ScormCloud")).Services.BuildServiceProvider();
        await services.GetRequiredService<ScormCloudClient>().ImportPackageAsync(courseId, Package, Ct);
        var courses = new CourseRepository(
            new TableProvider(new TableServiceClient(Azurite.ConnectionString), Options.Create(new StorageOptions { TablePrefix = prefix })),
            TimeProvider.System);
        await courses.GetOrCreateAsync(courseId, Ct);
        await courses.UpdateWithRetryAsync(courseId, c =>
        {
            c.Status = CourseStatus.Ready;
            c.Version = 1;
            return true;
        }, Ct);
    }
}
