#!/usr/bin/env bash
# The local OpenID Connect provider (tools/oidc: oidc-provider, pinned by package-lock.json) and the SPA's OIDC client
# library (oidc-client-ts, whose browser build the local host serves at /vendor/oidc-client-ts/). Used by
# scripts/run.sh and the browser test fixture.
#   scripts/oidc.sh install   npm ci from the lock file, once (also installs the browser library)
#   scripts/oidc.sh start     install if needed, start on 127.0.0.1:${OIDC_PORT:-7073} unless something listens there,
#                             and wait for its discovery document
#   scripts/oidc.sh run       install if needed and run in the foreground (test fixtures own the process)
#   scripts/oidc.sh stop      stop the instance this script started
# Settings (OIDC_PORT, OIDC_CLIENT_ORIGINS, OIDC_AUDIENCE, OIDC_ACCESS_TOKEN_TTL, OIDC_DATA): see tools/oidc/provider.js.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/tools/oidc"
port="${OIDC_PORT:-7073}"
data="$root/.localdata/oidc"
pidfile="$data/oidc-$port.pid"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install() {
  mkdir -p "$data"
  exec 8>"$data/.install.lock"; flock 8
  if [ ! -f "$dir/node_modules/oidc-provider/package.json" ] || [ ! -f "$dir/node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js" ] \
     || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "oidc: installing the pinned packages from npm (tools/oidc/package-lock.json)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  exec 8>&-
}

case "${1:-start}" in
  install) install ;;
  run)
    install
    cd "$dir" && exec node provider.js ;;
  start)
    if listening "$port"; then echo "oidc: already running on 127.0.0.1:$port"; exit 0; fi
    install
    export OIDC_DATA="${OIDC_DATA:-$data}"
    setsid nohup node "$dir/provider.js" >"$data/oidc-$port.log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    for _ in $(seq 1 100); do
      listening "$port" && { echo "oidc: started on http://127.0.0.1:$port (pid $(cat "$pidfile"), log $data/oidc-$port.log)"; exit 0; }
      sleep 0.2
    done
    echo "oidc: did not start; see $data/oidc-$port.log" >&2; tail -20 "$data/oidc-$port.log" >&2 || true; exit 1 ;;
  stop)
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null && rm -f "$pidfile" && echo "oidc: stopped" || echo "oidc: not started by this script" ;;
  *) echo "usage: $0 install|start|run|stop" >&2; exit 2 ;;
esac
