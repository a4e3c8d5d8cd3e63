using System.Net.Http.Headers;
using System.Text;
using Azure;
using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.Core.Events;

/// <summary>One place events go. <see cref="Name"/> keys its delivery state; <see cref="Target"/> is safe to show (no query, no credentials).</summary>
public interface IEventSubscriber
{
    string Name { get; }

    string Kind { get; }

    string Target { get; }

    Task<DeliveryResult> DeliverAsync(OutboxEventEntity outboxEvent, CancellationToken cancellationToken);
}

/// <summary>The outcome of one attempt: an HTTP status code, <c>timeout</c> or the connection error.</summary>
public readonly record struct DeliveryResult(bool Delivered, string Outcome);

/// <summary>The configured subscribers: each webhook under <c>Events:Webhooks</c>, then the Event Grid topic if set.</summary>
public sealed class EventSubscribers
{
    public const string HttpClientName = "ScormFunctions.Events.Webhooks";

    public const string EventGridName = "eventgrid";

    public EventSubscribers(IOptions<EventOptions> options, IOptions<StorageOptions> storage, IHttpClientFactory http, TimeProvider time)
    {
        var o = options.Value;
        var all = new List<IEventSubscriber>();
        foreach (var (name, webhook) in o.Webhooks.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            all.Add(new WebhookSubscriber(name, webhook.Url!, WebhookSignature.ReadSecret(webhook.Secret), http, time, o.DeliveryTimeout));
        }
        if (o.EventGrid.TopicEndpoint is { } topic)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(storage.Value.ManagedIdentityClientId) ? null : storage.Value.ManagedIdentityClientId,
            });
            var clientOptions = new EventGridPublisherClientOptions();
            clientOptions.Retry.MaxRetries = 0; // retried by the dispatcher, durably and in order
            clientOptions.Retry.NetworkTimeout = o.DeliveryTimeout;
            all.Add(new EventGridSubscriber(new EventGridPublisherClient(topic, credential, clientOptions), topic, o.DeliveryTimeout));
        }
        All = all;
    }

    /// <summary>Given subscribers (tests).</summary>
    internal EventSubscribers(IEnumerable<IEventSubscriber> subscribers) => All = [.. subscribers];

    public IReadOnlyList<IEventSubscriber> All { get; }

    /// <summary>Scheme, host and path only: a URL can carry a token in its query or user info.</summary>
    internal static string SafeTarget(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}

/// <summary>POSTs the CloudEvents document (structured mode) with Standard Webhooks signature headers; any 2xx is delivered, redirects are not followed.</summary>
internal sealed class WebhookSubscriber(string name, Uri url, byte[] key, IHttpClientFactory http, TimeProvider time, TimeSpan timeout) : IEventSubscriber
{
    public string Name => name;

    public string Kind => "webhook";

    public string Target { get; } = EventSubscribers.SafeTarget(url);

    public async Task<DeliveryResult> DeliverAsync(OutboxEventEntity outboxEvent, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(outboxEvent.Body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdHeader, outboxEvent.EventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(key, outboxEvent.EventId, timestamp, body));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await http.CreateClient(EventSubscribers.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new DeliveryResult(response.IsSuccessStatusCode, status);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(false, ex.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(false, "timeout");
        }
    }
}

/// <summary>Publishes the stored CloudEvent to an Event Grid topic (CloudEvents 1.0 input schema) with the app's managed identity.</summary>
internal sealed class EventGridSubscriber(EventGridPublisherClient client, Uri topic, TimeSpan timeout) : IEventSubscriber
{
    public string Name => EventSubscribers.EventGridName;

    public string Kind => "eventGrid";

    public string Target { get; } = EventSubscribers.SafeTarget(topic);

    public async Task<DeliveryResult> DeliverAsync(OutboxEventEntity outboxEvent, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var cloudEvent = CloudEvent.Parse(BinaryData.FromString(outboxEvent.Body))!;
            using var response = await client.SendEventAsync(cloudEvent, timeoutSource.Token);
            return new DeliveryResult(true, response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (RequestFailedException ex)
        {
            return new DeliveryResult(false, ex.Status > 0 ? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : ex.ErrorCode ?? "error");
        }
        catch (Azure.Identity.AuthenticationFailedException)
        {
            return new DeliveryResult(false, "authentication");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(false, "timeout");
        }
    }
}
