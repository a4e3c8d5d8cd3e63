using System.Net;
using static ScormFunctions.LocalHost.FunctionalTests.Registrations.RegistrationHarness;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>Learner A can neither read nor launch learner B's registration; an admin can do both.</summary>
public sealed class RegistrationAccessTests : IAsyncLifetime
{
    private RegistrationHarness h = null!;
    private HttpClient admin = null!;
    private HttpClient learnerA = null!;
    private HttpClient learnerB = null!;

    public async ValueTask InitializeAsync()
    {
        h = await StartAsync();
        await h.ImportCourseAsync("course-1");
        admin = await h.AdminAsync();
        learnerA = await h.LearnerAsync("learner-a");
        learnerB = await h.LearnerAsync("learner-b");
        await AssignAsync(admin, "course-1", "learner-b", "reg-b");
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        learnerA.Dispose();
        learnerB.Dispose();
        await h.DisposeAsync();
    }

    [Fact]
    public async Task AnotherLearnerGets403OnReadLaunchRefreshAndList()
    {
        using var read = await learnerA.GetAsync("api/registrations/reg-b", Ct);
        using var launch = await learnerA.PostAsync("api/registrations/reg-b/launch", null, Ct);
        using var refresh = await learnerA.PostAsync("api/registrations/reg-b/refresh", null, Ct);
        using var list = await learnerA.GetAsync("api/learners/learner-b/registrations", Ct);
        using var courseList = await learnerA.GetAsync("api/courses/course-1/registrations", Ct);
        using var assign = await learnerA.PostAsync("api/registrations", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, launch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, courseList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);
    }

    [Fact]
    public async Task CourseLaunchNeverHandsOutARegistrationOfAnotherLearner()
    {
        // An assignment may choose any id, including the one a course launch derives for another learner.
        var derivedForA = ScormFunctions.Core.Registrations.RegistrationIds.For("course-1", "learner-a");
        await AssignAsync(admin, "course-1", "learner-b", derivedForA);

        using var launch = await learnerA.PostAsync("api/courses/course-1/launch", null, Ct);
        var body = await JsonAsync(launch);

        Assert.True(launch.StatusCode != System.Net.HttpStatusCode.OK || body.GetProperty("registrationId").GetString() != derivedForA,
            $"learner-a was given learner-b's registration: {body}");
    }

    [Theory]
    [InlineData("tenant/user")]
    [InlineData("user#1")]
    [InlineData("user\u0001")]
    public async Task CourseLaunchWithASubjectThatCannotBeALearnerIdIs4xxNot500(string subject)
    {
        // The token's subject becomes the learner id (table keys, SCORM Cloud): one that cannot be an id is refused.
        var issuer = h.Server.Services.GetRequiredService<ScormFunctions.LocalHost.Development.DevelopmentTokenIssuer>();
        using var learner = new HttpClient { BaseAddress = h.Server.BaseUrl };
        learner.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Issue(subject, ["learner"]));

        using var launch = await learner.PostAsync("api/courses/course-1/launch", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, launch.StatusCode);
        Assert.Equal("application/problem+json", launch.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OwnerAndAdminCanReadAndLaunch()
    {
        var own = await GetJsonAsync(learnerB, "api/registrations/reg-b");
        var byAdmin = await GetJsonAsync(admin, "api/registrations/reg-b");
        var ownList = await GetJsonAsync(learnerB, "api/learners/learner-b/registrations");
        var ownUrl = await LaunchUrlAsync(learnerB, "reg-b");
        var adminUrl = await LaunchUrlAsync(admin, "reg-b");

        Assert.Equal("learner-b", own.GetProperty("learner").GetProperty("id").GetString());
        Assert.Equal("reg-b", byAdmin.GetProperty("registrationId").GetString());
        Assert.Equal(1, ownList.GetProperty("items").GetArrayLength());
        Assert.NotNull(await h.OpenPlayerAsync(ownUrl));
        Assert.NotNull(await h.OpenPlayerAsync(adminUrl));
    }

    [Fact]
    public async Task NoTokenIs401AndUnknownRegistrationIs404()
    {
        using var anonymous = await h.Server.Client.GetAsync("api/registrations/reg-b", Ct);
        using var unknown = await admin.GetAsync("api/registrations/reg-none", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
