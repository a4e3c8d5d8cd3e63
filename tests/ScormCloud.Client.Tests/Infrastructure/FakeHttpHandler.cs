using System.Net;
using System.Text;

namespace ScormCloud.Client.Tests.Infrastructure;

/// <summary>Answers from a queue of responders (then <see cref="Fallback"/>) and records every request.</summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responders = new();
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>Used when the queue is empty.</summary>
    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fallback { get; set; } =
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotImplemented));

    /// <summary>When false, request bodies are not read (the responder consumes them).</summary>
    public bool CaptureBodies { get; set; } = true;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock) return [.. _requests];
        }
    }

    public FakeHttpHandler Enqueue(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        lock (_lock) _responders.Enqueue(responder);
        return this;
    }

    public FakeHttpHandler Enqueue(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null) =>
        Enqueue((_, _) =>
        {
            var response = Respond(status, json);
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public FakeHttpHandler Enqueue(Func<HttpRequestMessage, HttpResponseMessage> responder) =>
        Enqueue((request, _) => Task.FromResult(responder(request)));

    public FakeHttpHandler EnqueueException(Exception exception) => Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));

    public static HttpResponseMessage Respond(HttpStatusCode status, string? json = null) =>
        new(status) { Content = json is null ? new ByteArrayContent([]) : new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        if (CaptureBodies && request.Content is not null)
        {
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder;
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers, request.Content?.Headers, body));
            responder = _responders.Count > 0 ? _responders.Dequeue() : Fallback;
        }
        var response = await responder(request, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }
}
