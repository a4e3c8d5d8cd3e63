using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ScormFunctions.Core.Events;

/// <summary>
/// Settings under <c>Events:</c>: who hears about result changes and how hard we try. Without a subscriber (no webhook,
/// no Event Grid topic) no event is written at all.
/// </summary>
public sealed class EventOptions : IValidatableObject
{
    public const string SectionName = "Events";

    /// <summary>
    /// Webhook subscribers by name (<c>Events:Webhooks:{name}:Url</c>, <c>…:Secret</c>). Delivery state is kept per name:
    /// renaming a subscriber makes it a new one, so use names (<c>lms</c>), not list positions that shift.
    /// </summary>
    public Dictionary<string, WebhookSubscriberOptions> Webhooks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>An Event Grid topic that receives every event (managed identity; Azure).</summary>
    public EventGridOptions EventGrid { get; set; } = new();

    /// <summary>The CloudEvents <c>source</c>. <value>Default: <c>{App:PublicBaseUrl}/api/registrations</c></value></summary>
    public Uri? Source { get; set; }

    /// <summary>How long one webhook or Event Grid call may take before it counts as failed. <value>Default: 10 seconds</value></summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait after the first failed delivery; doubles per failure (with jitter) up to <see cref="RetryMaxDelay"/>. <value>Default: 2 seconds</value></summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts; a failing subscriber is retried at this pace for ever. <value>Default: 5 minutes</value></summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed attempts after which an event is reported as failing (warning log, metric, outbox endpoint); it is still retried. <value>Default: 10</value></summary>
    [Range(1, 1000)]
    public int FailingAfterAttempts { get; set; } = 10;

    /// <summary>How long a dispatcher holds a registration's events before another may take them over. <value>Default: 1 minute</value></summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A pending marker whose write never happened (the writer crashed before its transaction) is removed after this.
    /// Writes slower than half of it mark again after their transaction. <value>Default: 2 minutes</value>
    /// </summary>
    public TimeSpan AbandonedMarkerAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the local host's dispatcher looks for pending events (a write also wakes it). <value>Default: 1 second</value></summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Registrations one dispatch pass takes on. <value>Default: 50</value></summary>
    [Range(1, 1000)]
    public int MaxRegistrationsPerPass { get; set; } = 50;

    /// <summary>Registrations delivered at the same time within a pass. <value>Default: 8</value></summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>True when anyone listens: only then are events written.</summary>
    public bool HasSubscribers => Webhooks.Count > 0 || EventGrid.TopicEndpoint is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, webhook) in Webhooks)
        {
            var key = $"Events:Webhooks:{name}";
            if (webhook.Url is not { IsAbsoluteUri: true } url || !IsAllowed(url))
            {
                yield return new ValidationResult($"{key}:Url must be an absolute https URL (http only to a loopback address).", [key + ":Url"]);
            }
            if (!WebhookSignature.TryReadSecret(webhook.Secret, out _))
            {
                yield return new ValidationResult(
                    $"{key}:Secret must be base64 of at least 24 bytes, optionally prefixed with whsec_ (e.g. `echo whsec_$(openssl rand -base64 32)`).",
                    [key + ":Secret"]);
            }
        }
        if (EventGrid.TopicEndpoint is { } topic && (!topic.IsAbsoluteUri || topic.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Events:EventGrid:TopicEndpoint must be an absolute https URL.", ["Events:EventGrid:TopicEndpoint"]);
        }
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Events:RetryBaseDelay must be positive and at most Events:RetryMaxDelay.", ["Events:RetryBaseDelay"]);
        }
        if (DeliveryTimeout <= TimeSpan.Zero || LeaseDuration < DeliveryTimeout * 3)
        {
            yield return new ValidationResult("Events:LeaseDuration must be at least three times Events:DeliveryTimeout.", ["Events:LeaseDuration"]);
        }
    }

    private static bool IsAllowed(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps
        || (url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || (IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip))));
}

/// <summary>One webhook subscriber.</summary>
public sealed class WebhookSubscriberOptions
{
    /// <summary>Where events are POSTed (https; http only to loopback, for development).</summary>
    public Uri? Url { get; set; }

    /// <summary>The signing secret shared with the subscriber: <c>whsec_</c> + base64 of 24–64 random bytes (Standard Webhooks).</summary>
    public string? Secret { get; set; }
}

/// <summary>The Event Grid topic events are published to (CloudEvents 1.0 schema).</summary>
public sealed class EventGridOptions
{
    /// <summary>The topic endpoint, e.g. <c>https://{topic}.{region}-1.eventgrid.azure.net/api/events</c>; the app's managed identity needs <c>EventGrid Data Sender</c>.</summary>
    public Uri? TopicEndpoint { get; set; }
}
