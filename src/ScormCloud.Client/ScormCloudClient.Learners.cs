using ScormCloud.Client.Http;

namespace ScormCloud.Client;

public partial class ScormCloudClient
{
    /// <summary>
    /// Asks SCORM Cloud to delete all of a learner's personal data in this application, for a GDPR erasure request
    /// (<c>POST /learner/{learnerId}/delete-information?userEmail=</c>, LearnerApi.DeleteAllLearnerData). SCORM Cloud
    /// deletes in the background: success means the deletion has started. Retried on transient failures (asking again
    /// is harmless). The application must have delete operations enabled in SCORM Cloud.
    /// </summary>
    /// <param name="learnerId">The learner id given to SCORM Cloud on the learner's registrations.</param>
    /// <param name="userEmail">
    /// The primary email of a user of the SCORM Cloud realm the application is in, on whose behalf the request is made.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">The service refused the request or failed.</exception>
    public virtual async Task DeleteLearnerDataAsync(string learnerId, string userEmail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(learnerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userEmail);
        var query = new QueryBuilder().Add("userEmail", userEmail);
        using var request = CreateRequest(
            HttpMethod.Post, "learner/" + Segment(learnerId) + "/delete-information" + query, ScormCloudRequestPolicy.Retry);
        await SendAndEnsureSuccessAsync(request, notFoundIsSuccess: false, cancellationToken);
    }
}
