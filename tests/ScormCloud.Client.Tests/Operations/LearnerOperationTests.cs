using System.Net;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

/// <summary>LearnerApi.DeleteAllLearnerData: <c>POST /learner/{learnerId}/delete-information?userEmail=</c>, no body.</summary>
public sealed class LearnerOperationTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task DeleteLearnerDataPostsToDeleteInformationWithTheRequesterEmail()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.DeleteLearnerDataAsync("ada lovelace/1", "owner+gdpr@example.test", Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v2/learner/ada%20lovelace%2F1/delete-information?userEmail=owner%2Bgdpr%40example.test", request.PathAndQuery);
        Assert.Equal(string.Empty, request.BodyText);
    }

    [Fact]
    public async Task DeleteLearnerDataIsRetriedOnTransientFailures()
    {
        _harness.Handler.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.DeleteLearnerDataAsync("l1", "owner@example.test", Ct);

        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task DeleteLearnerDataReportsARefusal()
    {
        _harness.Handler.Enqueue(HttpStatusCode.Forbidden, """{"message":"Delete operations are disabled for this application"}""");

        var error = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.DeleteLearnerDataAsync("l1", "owner@example.test", Ct));

        Assert.Equal(403, error.Status);
        Assert.Single(_harness.Handler.Requests);
    }

    [Theory]
    [InlineData("", "owner@example.test")]
    [InlineData("l1", " ")]
    public async Task DeleteLearnerDataRequiresBothIds(string learnerId, string userEmail)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _harness.Client.DeleteLearnerDataAsync(learnerId, userEmail, Ct));

        Assert.Empty(_harness.Handler.Requests);
    }
}
