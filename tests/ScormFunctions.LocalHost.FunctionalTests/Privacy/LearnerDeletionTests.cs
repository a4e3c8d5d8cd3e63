using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ScormCloud.Emulator.Faults;
using ScormCloud.Emulator.Store;
using ScormFunctions.LocalHost.FunctionalTests.Registrations;
using ScormFunctions.Core.Privacy;
using ScormFunctions.Testing;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Privacy;

/// <summary>
/// DELETE /api/learners/{learnerId} and GET …/deletion over HTTP on the local host: the pass on the Durable Task
/// Framework + Azurite, SCORM Cloud played by the emulator.
/// </summary>
public sealed class LearnerDeletionTests
{
    public const string RequesterEmail = "owner@example.org";

    /// <summary>Small batches and quick retries, so a pass takes several steps; a realm user to make SCORM Cloud's request with.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Privacy:ScormCloudRequesterEmail"] = RequesterEmail,
        ["Privacy:BatchSize"] = "2",
        ["Privacy:ActivityFirstRetryInterval"] = "00:00:00.200",
        ["Privacy:ActivityMaxRetryInterval"] = "00:00:01",
        ["Privacy:OutageBackoff"] = "00:00:01",
        ["Registrations:ReconcileInterval"] = "01:00:00",
    };

    /// <summary>Requests may wait on a busy shared Azurite: minutes, not the default 100 s.</summary>
    public static HttpClient Patient(HttpClient client)
    {
        client.Timeout = TimeSpan.FromMinutes(5);
        return client;
    }

    private static string NewId(string what) => $"{what}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string Report(string registrationId, string courseId, string learnerId) => JsonSerializer.Serialize(new
    {
        id = registrationId, instance = 0, updated = DateTimeOffset.UtcNow, registrationCompletion = "COMPLETED", registrationSuccess = "PASSED",
        score = new { scaled = 85 }, totalSecondsTracked = 90, course = new { id = courseId }, learner = new { id = learnerId, firstName = "Ada" },
        activityDetails = new { id = "root", title = "Golf", activityCompletion = "COMPLETED" },
    });

    /// <summary>Polls the Location until the pass is no longer running.</summary>
    public static async Task<JsonElement> EndOfPassAsync(HttpClient admin, Uri location, int timeoutSeconds = 600)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var body = await GetJsonAsync(admin, location.ToString());
            if (body.GetProperty("status").GetString() != "running") return body;
            Assert.True(DateTime.UtcNow < until, "The pass did not end in time: " + body);
            await Task.Delay(250, Ct);
        }
    }

    private static LearnerDeletionCounts Deleted(JsonElement deletion) => JsonSerializer.Deserialize<LearnerDeletionCounts>(deletion.GetProperty("deleted"), JsonSerializerOptions.Web)!;

    [Fact]
    public async Task Everything_held_about_the_learner_goes_here_and_in_SCORM_Cloud_and_another_learner_keeps_theirs()
    {
        await using var h = await StartAsync(Settings());
        var (golf, tennis) = (NewId("golf"), NewId("tennis"));
        await h.ImportCourseAsync(golf);
        await h.ImportCourseAsync(tennis);
        using var admin = Patient(await h.AdminAsync());
        var (ada, bob) = (NewId("ada"), NewId("bob"));
        var adas = new[] { (Id: NewId("r"), Course: golf), (Id: NewId("r"), Course: tennis), (Id: NewId("r"), Course: tennis) };
        var bobs = (Id: NewId("r"), Course: golf);
        foreach (var (id, course, learner) in adas.Select(a => (a.Id, a.Course, ada)).Append((bobs.Id, bobs.Course, bob)))
        {
            await AssignAsync(admin, course, learner, id);
            using var postback = await h.PostbackAsync(Report(id, course, learner), id, h.PostbackPassword(id));
            Assert.Equal(HttpStatusCode.OK, postback.StatusCode);
        }
        foreach (var id in new[] { adas[0].Id, bobs.Id })
        {
            using var set = await admin.PutAsJsonAsync($"api/registrations/{id}/override", new { score = 70, reason = "Completed on paper" }, Ct);
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            await h.OpenPlayerAsync(await LaunchUrlAsync(admin, id)); // uses a launch nonce
        }
        var bobBefore = await HeldAsync(h, bobs.Id, bobs.Course, bob);

        using var delete = await admin.DeleteAsync($"api/learners/{ada}", Ct);
        var accepted = await JsonAsync(delete);
        var deletion = await EndOfPassAsync(admin, delete.Headers.Location!);

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal($"/api/learners/{ada}/deletion", delete.Headers.Location!.ToString());
        Assert.Equal((1, "running", "admin-1"), (accepted.GetProperty("pass").GetInt32(), accepted.GetProperty("status").GetString(), accepted.GetProperty("requestedBy").GetString()));
        Assert.Equal(accepted.GetProperty("deletionId").GetString(), deletion.GetProperty("deletionId").GetString());
        Assert.Equal(("completed", "requested", JsonValueKind.Null), (deletion.GetProperty("status").GetString(),
            deletion.GetProperty("scormCloudLearnerData").GetString(), deletion.GetProperty("lastError").ValueKind));
        Assert.True(deletion.GetProperty("finishedAt").GetDateTimeOffset() >= deletion.GetProperty("startedAt").GetDateTimeOffset());
        // Registration rows: each record and its instance history row (instance-000000).
        Assert.Equal(new LearnerDeletionCounts(ScormCloudRegistrations: 3, Registrations: 3, RegistrationRows: 6, IndexRows: 6, Overrides: 1,
            ResultBlobs: 3, ArchivedPostbacks: 3, LaunchNonces: 1), Deleted(deletion));
        foreach (var (id, course) in adas)
        {
            Assert.Equal(HeldData.Nothing, await HeldAsync(h, id, course, ada));
            await GetJsonAsync(admin, $"api/registrations/{id}", HttpStatusCode.NotFound);
        }
        Assert.Empty((await GetJsonAsync(admin, $"api/learners/{ada}/registrations")).GetProperty("items").EnumerateArray());
        Assert.Empty((await GetJsonAsync(h.EmulatorApi, $"registrations?learnerId={ada}")).GetProperty("registrations").EnumerateArray());
        Assert.Contains(h.Emulator.Services.GetRequiredService<EmulatorStore>().LearnerDataDeletions, d => d.LearnerId == ada && d.UserEmail == RequesterEmail);
        Assert.Equal(bobBefore, await HeldAsync(h, bobs.Id, bobs.Course, bob));
        Assert.Equal(new HeldData(2, 2, 1, 1, 1, 1, true), bobBefore); // rows: the record and its instance history

        // SCORM Cloud delivering a late postback for an erased registration: acknowledged as unknown, and not kept.
        using var late = await h.PostbackAsync(Report(adas[1].Id, adas[1].Course, ada), adas[1].Id, h.PostbackPassword(adas[1].Id));
        Assert.Equal((HttpStatusCode.OK, "unknown"), (late.StatusCode, (await JsonAsync(late)).GetProperty("outcome").GetString()));
        Assert.Empty(await h.ArchivedAsync(adas[1].Id));
    }

    [Fact]
    public async Task A_repeated_DELETE_while_the_pass_runs_answers_with_it_and_one_after_it_ended_starts_a_new_pass()
    {
        await using var h = await StartAsync(Settings());
        var course = NewId("golf");
        await h.ImportCourseAsync(course);
        using var admin = Patient(await h.AdminAsync());
        var ada = NewId("ada");
        await AssignAsync(admin, course, ada, NewId("r"));
        await AssignAsync(admin, course, ada, NewId("r"));
        h.Emulator.Services.GetRequiredService<FaultState>().Set(new FaultOptions { Latency = TimeSpan.FromMilliseconds(500) });

        using var first = await admin.DeleteAsync($"api/learners/{ada}", Ct);
        using var again = await admin.DeleteAsync($"api/learners/{ada}", Ct);
        var (firstBody, againBody) = (await JsonAsync(first), await JsonAsync(again));
        var ended = await EndOfPassAsync(admin, first.Headers.Location!);
        h.Emulator.Services.GetRequiredService<FaultState>().Set(new FaultOptions());
        using var afterwards = await admin.DeleteAsync($"api/learners/{ada}", Ct);
        var second = await JsonAsync(afterwards);
        var secondEnded = await EndOfPassAsync(admin, afterwards.Headers.Location!);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        Assert.Equal(firstBody.GetProperty("deletionId").GetString(), againBody.GetProperty("deletionId").GetString());
        Assert.Equal(("running", 1), (againBody.GetProperty("status").GetString(), againBody.GetProperty("pass").GetInt32()));
        Assert.Equal(2, Deleted(ended).Registrations);
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        Assert.Equal(2, second.GetProperty("pass").GetInt32());
        Assert.NotEqual(firstBody.GetProperty("deletionId").GetString(), second.GetProperty("deletionId").GetString());
        Assert.Equal("completed", secondEnded.GetProperty("status").GetString());
        Assert.Equal(new LearnerDeletionCounts(), Deleted(secondEnded));
        Assert.Equal(second.GetProperty("deletionId").GetString(), (await GetJsonAsync(admin, $"api/learners/{ada}/deletion")).GetProperty("deletionId").GetString());
    }

    [Fact]
    public async Task Admins_only_with_valid_ids()
    {
        await using var h = await StartAsync(Settings());
        using var admin = Patient(await h.AdminAsync());
        using var learner = Patient(await h.LearnerAsync("lin"));
        var tooLong = new string('x', 256);

        using var anonymousDelete = await h.Server.Client.DeleteAsync("api/learners/lin", Ct);
        using var anonymousGet = await h.Server.Client.GetAsync("api/learners/lin/deletion", Ct);
        using var learnerDelete = await learner.DeleteAsync("api/learners/lin", Ct);
        using var learnerGet = await learner.GetAsync("api/learners/lin/deletion", Ct);
        using var badDelete = await admin.DeleteAsync($"api/learners/{tooLong}", Ct);
        using var controlDelete = await admin.DeleteAsync("api/learners/a%01b", Ct);
        using var badGet = await admin.GetAsync($"api/learners/{tooLong}/deletion", Ct);
        using var neverRequested = await admin.GetAsync("api/learners/lin/deletion", Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymousDelete.StatusCode, anonymousGet.StatusCode));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (learnerDelete.StatusCode, learnerGet.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badDelete.StatusCode, controlDelete.StatusCode, badGet.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, neverRequested.StatusCode);
        foreach (var response in new[] { anonymousDelete, learnerDelete, badDelete, neverRequested })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty(h.Emulator.Services.GetRequiredService<EmulatorStore>().LearnerDataDeletions);
    }

    public static Task<HeldData> HeldAsync(RegistrationHarness h, string registrationId, string courseId, string learnerId) =>
        HeldData.ReadAsync(h.Server.TablePrefix, h.Server.TablePrefix + "-results", h.Server.TablePrefix + "-postbacks", h.Emulator,
            registrationId, courseId, learnerId, Ct);
}
