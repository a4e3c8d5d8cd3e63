using Google.Protobuf;

namespace ScormFunctions.LocalHost.FunctionalTests.Telemetry;

/// <summary>A span as it arrived over OTLP: ids in lower-case hex, the parent null for a root.</summary>
public sealed record OtlpSpan(
    string Service, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, object?> Attributes, IReadOnlyList<string> LinkedSpanIds, int StatusCode)
{
    public const int ServerKind = 2;
    public const int ClientKind = 3;

    public string? Attribute(string key) => Attributes.GetValueOrDefault(key)?.ToString();
}

/// <summary>One data point: <see cref="Value"/> for sums and gauges, <see cref="Count"/> and <see cref="Sum"/> for histograms.</summary>
public sealed record OtlpPoint(string Metric, IReadOnlyDictionary<string, object?> Attributes, double? Value, long? Count, double? Sum)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key)?.ToString();
}

public sealed record OtlpLog(string? TraceId, string? SpanId, string? Body, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>
/// Just enough of the OTLP protobuf messages (opentelemetry-proto: collector/{trace,metrics,logs}/v1) to check what the
/// exporter sent, read field by field with Google.Protobuf's wire reader instead of generated classes. Field numbers are
/// the proto's; everything not read here is skipped.
/// </summary>
public static class OtlpWire
{
    private delegate bool Field(int number, CodedInputStream input);

    /// <summary>ExportTraceServiceRequest → ResourceSpans(1) → ScopeSpans(2) → Span(2).</summary>
    public static List<OtlpSpan> Spans(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        Resources(request, (service, scopeGroup) =>
            Scoped(scopeGroup, (scope, span) => spans.Add(Span(service, scope, span))));
        return spans;
    }

    /// <summary>ExportMetricsServiceRequest → ResourceMetrics(1) → ScopeMetrics(2) → Metric(2) → gauge(5)/sum(7)/histogram(9).</summary>
    public static List<OtlpPoint> Points(byte[] request)
    {
        var points = new List<OtlpPoint>();
        Resources(request, (_, scopeGroup) => Scoped(scopeGroup, (_, metric) =>
        {
            var name = "";
            Read(metric, (n, i) =>
            {
                switch (n)
                {
                    case 1: name = i.ReadString(); return true;
                    case 5 or 7: Read(i.ReadBytes(), (d, j) => d == 1 && Add(points, NumberPoint(name, j.ReadBytes()))); return true;
                    case 9: Read(i.ReadBytes(), (d, j) => d == 1 && Add(points, HistogramPoint(name, j.ReadBytes()))); return true;
                    default: return false;
                }
            });
        }));
        return points;
    }

    /// <summary>ExportLogsServiceRequest → ResourceLogs(1) → ScopeLogs(2) → LogRecord(2).</summary>
    public static List<OtlpLog> Logs(byte[] request)
    {
        var logs = new List<OtlpLog>();
        Resources(request, (_, scopeGroup) => Scoped(scopeGroup, (_, record) =>
        {
            string? traceId = null, spanId = null, body = null;
            var attributes = new Dictionary<string, object?>();
            Read(record, (n, i) =>
            {
                switch (n)
                {
                    case 5: body = Any(i.ReadBytes())?.ToString(); return true;
                    case 6: KeyValue(i.ReadBytes(), attributes); return true;
                    case 9: traceId = Hex(i.ReadBytes()); return true;
                    case 10: spanId = Hex(i.ReadBytes()); return true;
                    default: return false;
                }
            });
            logs.Add(new OtlpLog(traceId, spanId, body, attributes));
        }));
        return logs;
    }

    /// <summary>Each Resource*(1) of a request: its service.name and its scope groups (field 2).</summary>
    private static void Resources(byte[] request, Action<string, ByteString> scopeGroup) =>
        Read(ByteString.CopyFrom(request), (n, i) =>
        {
            if (n != 1) return false;
            var service = "";
            var groups = new List<ByteString>();
            Read(i.ReadBytes(), (r, j) =>
            {
                switch (r)
                {
                    case 1:
                        var attributes = new Dictionary<string, object?>();
                        Read(j.ReadBytes(), (a, k) => a == 1 && KeyValue(k.ReadBytes(), attributes));
                        service = attributes.GetValueOrDefault("service.name")?.ToString() ?? "";
                        return true;
                    case 2: groups.Add(j.ReadBytes()); return true;
                    default: return false;
                }
            });
            foreach (var group in groups) scopeGroup(service, group);
            return true;
        });

    /// <summary>A Scope*: its InstrumentationScope(1) name, then each item (field 2).</summary>
    private static void Scoped(ByteString group, Action<string, ByteString> item)
    {
        var scope = "";
        var items = new List<ByteString>();
        Read(group, (n, i) =>
        {
            switch (n)
            {
                case 1: Read(i.ReadBytes(), (s, j) => s == 1 && Assign(out scope, j.ReadString())); return true;
                case 2: items.Add(i.ReadBytes()); return true;
                default: return false;
            }
        });
        foreach (var x in items) item(scope, x);
    }

    private static OtlpSpan Span(string service, string scope, ByteString span)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null;
        int kind = 0, status = 0;
        var attributes = new Dictionary<string, object?>();
        var links = new List<string>();
        Read(span, (n, i) =>
        {
            switch (n)
            {
                case 1: traceId = Hex(i.ReadBytes())!; return true;
                case 2: spanId = Hex(i.ReadBytes())!; return true;
                case 4: parent = Hex(i.ReadBytes()); return true;
                case 5: name = i.ReadString(); return true;
                case 6: kind = i.ReadEnum(); return true;
                case 9: KeyValue(i.ReadBytes(), attributes); return true;
                case 13: Read(i.ReadBytes(), (l, j) => l == 2 && Add(links, Hex(j.ReadBytes())!)); return true;
                case 15: Read(i.ReadBytes(), (s, j) => s == 3 && Assign(out status, j.ReadEnum())); return true;
                default: return false;
            }
        });
        return new OtlpSpan(service, scope, traceId, spanId, parent, name, kind, attributes, links, status);
    }

    /// <summary>NumberDataPoint: attributes(7), as_double(4, double), as_int(6, sfixed64).</summary>
    private static OtlpPoint NumberPoint(string metric, ByteString point)
    {
        var attributes = new Dictionary<string, object?>();
        double? value = null;
        Read(point, (n, i) =>
        {
            switch (n)
            {
                case 7: KeyValue(i.ReadBytes(), attributes); return true;
                case 4: value = i.ReadDouble(); return true;
                case 6: value = i.ReadSFixed64(); return true;
                default: return false;
            }
        });
        return new OtlpPoint(metric, attributes, value, null, null);
    }

    /// <summary>HistogramDataPoint: attributes(9), count(4, fixed64), sum(5, double).</summary>
    private static OtlpPoint HistogramPoint(string metric, ByteString point)
    {
        var attributes = new Dictionary<string, object?>();
        long count = 0;
        double? sum = null;
        Read(point, (n, i) =>
        {
            switch (n)
            {
                case 9: KeyValue(i.ReadBytes(), attributes); return true;
                case 4: count = (long)i.ReadFixed64(); return true;
                case 5: sum = i.ReadDouble(); return true;
                default: return false;
            }
        });
        return new OtlpPoint(metric, attributes, null, count, sum);
    }

    /// <summary>KeyValue: key(1), AnyValue(2).</summary>
    private static bool KeyValue(ByteString pair, Dictionary<string, object?> into)
    {
        string key = "";
        object? value = null;
        Read(pair, (n, i) =>
        {
            switch (n)
            {
                case 1: key = i.ReadString(); return true;
                case 2: value = Any(i.ReadBytes()); return true;
                default: return false;
            }
        });
        into[key] = value;
        return true;
    }

    /// <summary>AnyValue: string(1), bool(2), int(3), double(4); arrays, maps and bytes are not needed here.</summary>
    private static object? Any(ByteString any)
    {
        object? value = null;
        Read(any, (n, i) =>
        {
            switch (n)
            {
                case 1: value = i.ReadString(); return true;
                case 2: value = i.ReadBool(); return true;
                case 3: value = i.ReadInt64(); return true;
                case 4: value = i.ReadDouble(); return true;
                default: return false;
            }
        });
        return value;
    }

    private static void Read(ByteString message, Field field)
    {
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (!field(WireFormat.GetTagFieldNumber(tag), input)) input.SkipLastField();
        }
    }

    private static string? Hex(ByteString bytes) => bytes.IsEmpty ? null : Convert.ToHexStringLower(bytes.Span);

    private static bool Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return true;
    }

    private static bool Assign<T>(out T target, T value)
    {
        target = value;
        return true;
    }
}
