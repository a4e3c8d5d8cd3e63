using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ScormFunctions.LocalHost.FunctionalTests.Telemetry;

/// <summary>
/// A minimal OTLP/HTTP collector on 127.0.0.1 (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>, protobuf)
/// that keeps what it receives, decoded by <see cref="OtlpWire"/>: what a host configured with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> really puts on the wire.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<OtlpSpan> spans = new();
    private readonly ConcurrentQueue<OtlpLog> logs = new();
    private readonly List<IReadOnlyList<OtlpPoint>> metricExports = [];

    private OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v1/traces", (HttpRequest r) => ReceiveAsync(r, body => OtlpWire.Spans(body).ForEach(spans.Enqueue)));
        app.MapPost("/v1/logs", (HttpRequest r) => ReceiveAsync(r, body => OtlpWire.Logs(body).ForEach(logs.Enqueue)));
        app.MapPost("/v1/metrics", (HttpRequest r) => ReceiveAsync(r, body =>
        {
            lock (metricExports) metricExports.Add(OtlpWire.Points(body));
        }));
    }

    /// <summary><c>http://127.0.0.1:{port}</c>: the value for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/...).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Requests that were not protobuf (the exporter sends <c>application/x-protobuf</c>, uncompressed).</summary>
    public int Refused { get; private set; }

    public IReadOnlyList<OtlpSpan> Spans => [.. spans];

    public IReadOnlyList<OtlpLog> Logs => [.. logs];

    /// <summary>Metric exports received so far (the exporter's default temporality is cumulative: the last one is the total).</summary>
    public int MetricExports
    {
        get { lock (metricExports) return metricExports.Count; }
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>The points of <paramref name="metric"/> in the latest export that had it (cumulative values).</summary>
    public IReadOnlyList<OtlpPoint> Latest(string metric)
    {
        lock (metricExports)
        {
            return metricExports.LastOrDefault(e => e.Any(p => p.Metric == metric))?.Where(p => p.Metric == metric).ToList() ?? [];
        }
    }

    /// <summary>Every metric name received so far.</summary>
    public IReadOnlySet<string> MetricNames
    {
        get { lock (metricExports) return metricExports.SelectMany(e => e).Select(p => p.Metric).ToHashSet(); }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, Action<byte[]> keep)
    {
        if (request.ContentType != "application/x-protobuf" || request.Headers.ContentEncoding.Count > 0)
        {
            Refused++;
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        keep(body.ToArray());
        // An empty Export*ServiceResponse: full success.
        return Results.Bytes([], "application/x-protobuf");
    }
}
