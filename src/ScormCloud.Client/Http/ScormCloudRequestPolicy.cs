namespace ScormCloud.Client.Http;

/// <summary>How the resilience pipeline treats one request; stored in <see cref="HttpRequestMessage.Options"/>.</summary>
internal enum ScormCloudRequestPolicy
{
    /// <summary>Not retried (the call has side effects a repeat could duplicate). Normal timeouts.</summary>
    NoRetry = 0,

    /// <summary>Retried on transient failures (idempotent, or made safe by the caller). Normal timeouts.</summary>
    Retry,

    /// <summary>A streamed upload: never retried (the stream is consumed), upload timeout.</summary>
    Upload,
}
