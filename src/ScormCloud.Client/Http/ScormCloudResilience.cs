using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ScormCloud.Client.Http;

/// <summary>
/// The client's pipeline: total timeout → retry (only requests marked <see cref="ScormCloudRequestPolicy.Retry"/>,
/// on 408/429/5xx/transport errors/attempt timeouts, exponential backoff with jitter, <c>Retry-After</c> honoured)
/// → per-attempt timeout. Uploads use <see cref="ScormCloudClientOptions.UploadTimeout"/> for both timeouts.
/// </summary>
internal static class ScormCloudResilience
{
    public const string PipelineName = "ScormCloud";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<ScormCloudClientOptions>>().Value;

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "TotalTimeout",
            TimeoutGenerator = args => ValueTask.FromResult(
                args.Context.GetPolicy() == ScormCloudRequestPolicy.Upload ? options.UploadTimeout : options.TotalTimeout),
        });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = ShouldRetry,
                OnRetry = MarkRetried,
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "AttemptTimeout",
            TimeoutGenerator = args => ValueTask.FromResult(
                args.Context.GetPolicy() == ScormCloudRequestPolicy.Upload ? options.UploadTimeout : options.AttemptTimeout),
        });
    }

    private static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(
            args.Context.GetPolicy() == ScormCloudRequestPolicy.Retry
            && !args.Context.CancellationToken.IsCancellationRequested
            && HttpClientResiliencePredicates.IsTransient(args.Outcome));

    private static ValueTask MarkRetried(OnRetryArguments<HttpResponseMessage> args)
    {
        args.Context.GetRequestMessage()?.Options.Set(ScormCloudRequestOptions.RetryCount, args.AttemptNumber + 1);
        return ValueTask.CompletedTask;
    }
}
