#!/usr/bin/env bash
# The .NET Aspire dashboard as the local trace, metric and log viewer: a standalone app from NuGet
# (Aspire.Dashboard.Sdk.linux-x64, pinned in tools/dashboard/dashboard.csproj), no containers. Everything on 127.0.0.1,
# unsecured (no login, no OTLP API key): a local viewer only. Used by `scripts/run.sh --dashboard`.
#   scripts/dashboard.sh start    restore if needed, start unless something listens on the UI port, wait for it
#   scripts/dashboard.sh stop     stop the instance this script started
#   scripts/dashboard.sh traces [--span NAME] [--attr KEY=VALUE]   print the traces it holds as span trees (from its
#                                 telemetry API, /api/telemetry/traces), or only those with such a span
# Ports: DASHBOARD_PORT (UI and API, 18888), DASHBOARD_OTLP_PORT (OTLP/HTTP, 18890), DASHBOARD_OTLP_GRPC_PORT (18889).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${DASHBOARD_PORT:-18888}"
otlp_port="${DASHBOARD_OTLP_PORT:-18890}"
grpc_port="${DASHBOARD_OTLP_GRPC_PORT:-18889}"
data="$root/.localdata/dashboard"
pidfile="$data/dashboard-$port.pid"
log="$data/dashboard-$port.log"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

binary() {
  local version packages
  version="$(sed -n 's/.*Include="Aspire.Dashboard.Sdk.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$root/tools/dashboard/dashboard.csproj")"
  [ -n "$version" ] || { echo "dashboard: no pinned version in tools/dashboard/dashboard.csproj" >&2; exit 1; }
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
  local dll="${packages%/}/aspire.dashboard.sdk.linux-x64/$version/tools/Aspire.Dashboard"
  if [ ! -f "$dll" ]; then
    dotnet restore "$root/tools/dashboard/dashboard.csproj" --nologo --verbosity quiet >/dev/null
  fi
  [ -f "$dll" ] || { echo "dashboard: $dll missing after restore" >&2; exit 1; }
  [ -x "$dll" ] || chmod u+x "$dll" # NuGet extracts without the execute bit
  echo "$dll"
}

case "${1:-start}" in
  start)
    if listening "$port"; then echo "dashboard: already running on http://127.0.0.1:$port"; exit 0; fi
    exe="$(binary)"
    mkdir -p "$data"
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$otlp_port" \
    ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$grpc_port" \
    ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
      setsid nohup "$exe" >"$log" 2>&1 </dev/null &
    echo $! > "$pidfile"
    for _ in $(seq 1 150); do
      listening "$port" && listening "$otlp_port" && {
        echo "dashboard: http://127.0.0.1:$port (OTLP/HTTP http://127.0.0.1:$otlp_port, OTLP/gRPC :$grpc_port; pid $(cat "$pidfile"), log $log)"
        exit 0
      }
      sleep 0.2
    done
    echo "dashboard: did not start; see $log" >&2; tail -20 "$log" >&2 || true; exit 1 ;;
  stop)
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null && rm -f "$pidfile" && echo "dashboard: stopped" || echo "dashboard: not started by this script" ;;
  traces)
    shift; curl -sf "http://127.0.0.1:$port/api/telemetry/traces" | python3 "$root/scripts/span-tree.py" "$@" ;;
  *) echo "usage: $0 start|stop|traces" >&2; exit 2 ;;
esac
