#!/usr/bin/env python3
"""Prints OTLP/JSON traces (stdin: the Aspire dashboard's /api/telemetry/traces answer, or an OTLP JSON export) as span
trees: one block per trace, children indented under their parent, spans whose parent is not in the trace marked.
  scripts/dashboard.sh traces [--span NAME] [--attr KEY=VALUE]   only traces with a span of that name and attribute"""
import json
import sys
from collections import defaultdict
from urllib.parse import urlsplit


def value(any_value):
    return next(iter(any_value.values()), None) if isinstance(any_value, dict) else any_value


def main():
    def option(name):
        return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None

    name, attr = option("--span"), option("--attr")
    key, _, wanted = (attr or "").partition("=")

    def matches(span):
        return (name is None or span["name"] == name) and (not key or str(span["_attrs"].get(key)) == wanted)
    doc = json.load(sys.stdin)
    data = doc.get("data", doc)
    traces = defaultdict(list)
    for resource in data.get("resourceSpans", []):
        service = next((value(a["value"]) for a in resource.get("resource", {}).get("attributes", []) if a["key"] == "service.name"), "?")
        for scope in resource.get("scopeSpans", []):
            for span in scope.get("spans", []):
                span["_scope"], span["_service"] = scope.get("scope", {}).get("name", ""), service
                span["_attrs"] = {a["key"]: value(a["value"]) for a in span.get("attributes", [])}
                traces[span["traceId"]].append(span)
    for trace_id, spans in sorted(traces.items(), key=lambda t: min(int(s["startTimeUnixNano"]) for s in t[1])):
        if (name or key) and not any(matches(s) for s in spans):
            continue
        ids = {s["spanId"] for s in spans}
        children = defaultdict(list)
        for s in sorted(spans, key=lambda s: int(s["startTimeUnixNano"])):
            children[s.get("parentSpanId") if s.get("parentSpanId") in ids else None].append(s)
        print(f"trace {trace_id} ({len(spans)} spans, {spans[0]['_service']})")

        def show(span, depth):
            ms = (int(span["endTimeUnixNano"]) - int(span["startTimeUnixNano"])) / 1e6
            remote = "  (parent outside this trace's spans)" if depth == 1 and span.get("parentSpanId") else ""
            url = urlsplit(str(span["_attrs"].get("url.full", ""))) if span.get("kind") in (3, "SPAN_KIND_CLIENT") else None
            target = f" → {url.netloc}{url.path}" if url and url.netloc else ""
            print(f"{'  ' * depth}{span['name']} [{span['_scope']}]{target} {ms:.0f} ms{remote}")
            for child in children[span["spanId"]]:
                show(child, depth + 1)

        for root in children[None]:
            show(root, 1)


if __name__ == "__main__":
    main()
