using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>LearnerApi.DeleteAllLearnerData: <c>POST /learner/{learnerId}/delete-information?userEmail=</c>.</summary>
public sealed class LearnerTests
{
    private static async Task CreateAsync(HttpClient client, string registrationId, string learnerId)
    {
        using var response = await client.PostAsJsonAsync("registrations", new
        {
            courseId = "course-1",
            registrationId,
            learner = new { id = learnerId, firstName = "Ada", lastName = "Lovelace", email = "ada@example.org" },
        }, Api.Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task DeleteInformationIs204AndClearsOnlyThatLearnersNameAndEmail()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("course-1", "synthetic_scorm12_minimal_autopass.zip");
        await CreateAsync(client, "reg-a1", "learner-a");
        await CreateAsync(client, "reg-a2", "learner-a");
        await CreateAsync(client, "reg-b1", "learner-b");

        using var response = await client.PostAsync("learner/learner-a/delete-information?userEmail=owner%40example.org", null, Api.Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Api.Ct));
        // LearnerApi: "Deletes all of the PII information for the learner"; the registrations stay.
        var learners = (await client.GetJsonAsync("registrations")).GetProperty("registrations").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("learner"));
        Assert.Equal(["reg-a1", "reg-a2", "reg-b1"], learners.Keys.Order());
        foreach (var id in new[] { "reg-a1", "reg-a2" })
        {
            Assert.Equal("learner-a", learners[id].GetProperty("id").GetString());
            Assert.All(new[] { "firstName", "lastName", "email" }, p => Assert.True(
                !learners[id].TryGetProperty(p, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null, p));
        }
        Assert.Equal(("Ada", "ada@example.org"), (learners["reg-b1"].GetProperty("firstName").GetString(), learners["reg-b1"].GetProperty("email").GetString()));
        var store = server.Services.GetRequiredService<Store.EmulatorStore>();
        var request = Assert.Single(store.LearnerDataDeletions);
        Assert.Equal(("learner-a", "owner@example.org"), (request.LearnerId, request.UserEmail));
    }

    [Fact]
    public async Task DeleteInformationWithoutUserEmailIs400()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.PostAsync("learner/learner-a/delete-information", null, Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Required parameter 'userEmail' is missing.", (await response.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task DeleteInformationOnBehalfOfSomeoneOutsideTheRealmIs400()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:RealmUserEmails"] = "owner@example.org, admin@example.org");
        using var client = server.CreateClient();

        using var outsider = await client.PostAsync("learner/learner-a/delete-information?userEmail=someone%40example.org", null, Api.Ct);
        using var member = await client.PostAsync("learner/learner-a/delete-information?userEmail=Admin%40example.org", null, Api.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, member.StatusCode);
    }

    [Fact]
    public async Task DeleteInformationNeedsTheAppCredentials()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await anonymous.PostAsync("learner/learner-a/delete-information?userEmail=owner%40example.org", null, Api.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
