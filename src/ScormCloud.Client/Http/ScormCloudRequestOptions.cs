using Polly;

namespace ScormCloud.Client.Http;

/// <summary>Per-request markers shared by the client and its resilience pipeline.</summary>
internal static class ScormCloudRequestOptions
{
    /// <summary>How the request may be retried and timed out.</summary>
    public static readonly HttpRequestOptionsKey<ScormCloudRequestPolicy> Policy = new("ScormCloud.Policy");

    /// <summary>How many times the pipeline retried the request (absent = never).</summary>
    public static readonly HttpRequestOptionsKey<int> RetryCount = new("ScormCloud.RetryCount");

    public static void SetPolicy(this HttpRequestMessage request, ScormCloudRequestPolicy policy) =>
        request.Options.Set(Policy, policy);

    public static ScormCloudRequestPolicy GetPolicy(this HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Policy, out var policy) ? policy : ScormCloudRequestPolicy.NoRetry;

    public static ScormCloudRequestPolicy GetPolicy(this ResilienceContext context) =>
        context.GetRequestMessage().GetPolicy();

    public static int GetRetryCount(this HttpRequestMessage request) =>
        request.Options.TryGetValue(RetryCount, out var count) ? count : 0;
}
