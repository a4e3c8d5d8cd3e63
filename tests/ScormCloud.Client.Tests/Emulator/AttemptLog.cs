using System.Collections.Concurrent;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>Every HTTP attempt that left the client (below the resilience handler) with its status (0 = exception).</summary>
internal sealed class AttemptLog
{
    private readonly ConcurrentQueue<(string Method, string Path, int Status)> _attempts = new();

    public IReadOnlyCollection<(string Method, string Path, int Status)> Attempts => _attempts;

    public int Count(string method, string pathPrefix) =>
        _attempts.Count(a => a.Method == method && a.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public DelegatingHandler CreateHandler() => new Recorder(this);

    private sealed class Recorder(AttemptLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                log._attempts.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode));
                return response;
            }
            catch
            {
                log._attempts.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath, 0));
                throw;
            }
        }
    }
}
