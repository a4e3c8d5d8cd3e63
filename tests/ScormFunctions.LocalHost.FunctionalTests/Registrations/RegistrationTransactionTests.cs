using System.Net;
using System.Net.Http.Json;
using ScormFunctions.Core.Registrations;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>Our record and SCORM Cloud never disagree for long: failure injection between them, retries and the sweep.</summary>
public sealed class RegistrationTransactionTests
{
    [Fact]
    public async Task SameAssignmentTwiceYieldsOneRegistration()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();

        var first = await AssignAsync(admin, "course-1", "learner-1");
        var second = await AssignAsync(admin, "course-1", "learner-1", expected: HttpStatusCode.OK);
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations?courseId=course-1");

        Assert.Equal(first.GetProperty("registrationId").GetString(), second.GetProperty("registrationId").GetString());
        Assert.Equal(1, cloud.GetProperty("registrations").GetArrayLength());
    }

    [Fact]
    public async Task SameIdForAnotherLearnerIsConflict()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");

        await AssignAsync(admin, "course-1", "learner-2", "reg-1", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnknownCourseIs404AndBadLearnerIdIs400()
    {
        await using var h = await StartAsync();
        using var admin = await h.AdminAsync();

        await AssignAsync(admin, "no-such-course", "learner-1", expected: HttpStatusCode.NotFound);
        await AssignAsync(admin, "no-such-course", "bad/learner", expected: HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ScormCloudRefusingLeavesNoRecordOnEitherSide()
    {
        await using var h = await StartAsync();
        await h.RecordCourseAsync("only-ours"); // in our records, not in SCORM Cloud: its create answers 404

        var problem = await AssignAsync(await h.AdminAsync(), "only-ours", "learner-1", "reg-1", HttpStatusCode.BadGateway);
        using var admin = await h.AdminAsync();

        Assert.Contains("404", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await GetJsonAsync(admin, "api/registrations/reg-1", HttpStatusCode.NotFound);
        await GetJsonAsync(h.EmulatorApi, "registrations/reg-1", HttpStatusCode.NotFound);
        Assert.Equal(0, (await GetJsonAsync(admin, "api/courses/only-ours/registrations")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnswerLostAfterScormCloudCreatedItIsRepairedByTheNextAttempt()
    {
        var crash = new CrashAfterCreate();
        await using var h = await StartAsync(services: (s, _) => crash.Register(s));
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();

        var lost = await AssignAsync(admin, "course-1", "learner-1", "reg-1", HttpStatusCode.ServiceUnavailable);
        var pending = await GetJsonAsync(admin, "api/registrations/reg-1");
        await GetJsonAsync(h.EmulatorApi, "registrations/reg-1"); // SCORM Cloud has it
        crash.Armed = false;
        var retried = await AssignAsync(admin, "course-1", "learner-1", "reg-1", HttpStatusCode.OK);
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations?courseId=course-1");

        Assert.Contains("pending", lost.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", pending.GetProperty("state").GetString());
        Assert.Equal("active", retried.GetProperty("state").GetString());
        Assert.Equal(1, cloud.GetProperty("registrations").GetArrayLength());
        Assert.Equal(1, crash.Crashes);
    }

    [Fact]
    public async Task AnswerLostAfterScormCloudCreatedItIsRepairedByTheSweep()
    {
        var crash = new CrashAfterCreate();
        await using var h = await StartAsync(services: (s, _) => crash.Register(s));
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1", HttpStatusCode.ServiceUnavailable);

        using var scope = h.Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RegistrationSweeper>().SweepAsync(TimeSpan.Zero, Ct);
        var r = await GetJsonAsync(admin, "api/registrations/reg-1");
        var config = await GetJsonAsync(h.EmulatorApi, "registrations/reg-1/configuration");

        Assert.Equal(1, result.Activated);
        Assert.Equal("active", r.GetProperty("state").GetString());
        var settings = config.GetProperty("settingItems").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("effectiveValue").GetString());
        Assert.Equal(new Uri(h.Server.BaseUrl, "api/postbacks/registrations").AbsoluteUri, settings["ApiRollupRegistrationPostBackUrl"]);
        Assert.Equal("reg-1", settings["ApiRollupRegistrationAuthUser"]);
    }

    [Fact]
    public async Task PendingRecordWithoutScormCloudRegistrationIsCreatedByTheSweep()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        // A crash right after our pending record was written, before SCORM Cloud was asked.
        await h.Server.Services.GetRequiredService<RegistrationRepository>().InsertAsync(new RegistrationEntity
        {
            PartitionKey = "reg-crashed",
            CourseId = "course-1",
            LearnerId = "learner-1",
            State = RegistrationState.Pending,
        }, Ct);
        using var admin = await h.AdminAsync();
        await GetJsonAsync(h.EmulatorApi, "registrations/reg-crashed", HttpStatusCode.NotFound);

        using var scope = h.Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RegistrationSweeper>().SweepAsync(TimeSpan.Zero, Ct);
        var r = await GetJsonAsync(admin, "api/registrations/reg-crashed");

        Assert.Equal(1, result.Activated);
        Assert.Equal("active", r.GetProperty("state").GetString());
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations/reg-crashed");
        Assert.Equal("learner-1", cloud.GetProperty("learner").GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeleteAndResetActOnBothSides()
    {
        await using var h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");
        await AssignAsync(admin, "course-1", "learner-2", "reg-2");
        var commitUrl = await h.OpenPlayerAsync(await LaunchUrlAsync(admin, "reg-1"));
        await CommitAsync(commitUrl, Scorm12Terminate, terminate: true);
        await WaitForAsync(admin, "reg-1", IsCompleted);

        using var reset = await admin.PostAsync("api/registrations/reg-1/reset", null, Ct);
        var afterReset = await JsonAsync(reset);
        using var delete = await admin.DeleteAsync("api/registrations/reg-2", Ct);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("unknown", afterReset.GetProperty("reported").GetProperty("completion").GetString());
        Assert.Equal("UNKNOWN", (await GetJsonAsync(h.EmulatorApi, "registrations/reg-1")).GetProperty("registrationCompletion").GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await GetJsonAsync(admin, "api/registrations/reg-2", HttpStatusCode.NotFound);
        await GetJsonAsync(h.EmulatorApi, "registrations/reg-2", HttpStatusCode.NotFound);
    }
}
