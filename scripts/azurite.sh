#!/usr/bin/env bash
# Idempotent: installs the pinned Azurite from npm (tools/azurite) and starts it on 127.0.0.1:10000-10002
# unless something already listens there. Used by scripts/run.sh, scripts/test.sh and the test fixtures.
#   scripts/azurite.sh start   start if needed and wait until all three ports answer
#   scripts/azurite.sh stop    stop the instance this script started
# AZURITE_IN_MEMORY=1 keeps the data in memory only (no periodic save of the whole database to disk, which slows
# Azurite down as it grows: for big bench runs such as `csv` with 100,000 registrations).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/tools/azurite"
data="${AZURITE_LOCATION:-$root/.azurite}"
pidfile="$data/azurite.pid"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
all_up() { listening 10000 && listening 10001 && listening 10002; }

case "${1:-start}" in
  start)
    if all_up; then echo "azurite: already running on 127.0.0.1:10000-10002"; exit 0; fi
    mkdir -p "$data"
    exec 9>"$data/.lock"; flock 9
    if all_up; then echo "azurite: already running"; exit 0; fi
    if [ ! -x "$dir/node_modules/.bin/azurite" ]; then
      echo "azurite: installing the pinned version from npm (tools/azurite/package-lock.json)"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
    # --disableTelemetry: Azurite otherwise reports to Application Insights (network traffic stays on loopback here).
    setsid nohup "$dir/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --disableTelemetry \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      $([ -n "${AZURITE_IN_MEMORY:-}" ] && echo --inMemoryPersistence || echo --location "$data") >"$data/azurite.log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    for _ in $(seq 1 100); do all_up && { echo "azurite: started (pid $(cat "$pidfile"), data in $data)"; exit 0; }; sleep 0.2; done
    echo "azurite: did not start; see $data/azurite.log" >&2; tail -20 "$data/azurite.log" >&2 || true; exit 1 ;;
  stop)
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null && rm -f "$pidfile" && echo "azurite: stopped" || echo "azurite: not started by this script" ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
