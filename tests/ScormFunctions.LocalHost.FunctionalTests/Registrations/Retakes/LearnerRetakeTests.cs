using System.Net;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations.Retakes;

/// <summary>With <c>Registrations:LearnerMayRetake</c> the owning learner may retake; another learner still may not.</summary>
public sealed class LearnerRetakeTests
{
    [Fact]
    public async Task OwnerMayRetakeWhenTheSettingAllowsAndOthersMayNot()
    {
        await using var h = await StartAsync(new Dictionary<string, string?> { ["Registrations:LearnerMayRetake"] = "true" });
        await h.ImportCourseAsync("course-1");
        using var admin = await h.AdminAsync();
        using var learner = await h.LearnerAsync("learner-1");
        using var other = await h.LearnerAsync("learner-2");
        await AssignAsync(admin, "course-1", "learner-1", "reg-1");

        await RetakeTests.PostInstanceAsync(other, "reg-1", HttpStatusCode.Forbidden);
        Assert.True((await GetJsonAsync(learner, "api/registrations/reg-1/instances")).GetProperty("mayRetake").GetBoolean());
        var retaken = await RetakeTests.PostInstanceAsync(learner, "reg-1", HttpStatusCode.Created);

        Assert.Equal(1, retaken.GetProperty("instance").GetInt32());
        var cloud = await GetJsonAsync(h.EmulatorApi, "registrations/reg-1");
        Assert.Equal(1, cloud.GetProperty("instance").GetInt32());
    }
}
