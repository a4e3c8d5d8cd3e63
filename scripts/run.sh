#!/usr/bin/env bash
# Starts the whole local system: Azurite (pinned, from npm), the local OpenID Connect provider on
# http://127.0.0.1:7073 (pinned, from npm; the sample app signs in there), the offline SCORM Cloud emulator when no
# SCORM Cloud credentials are configured, and the local host on http://127.0.0.1:7071 (the port `func start` uses).
# Real SCORM Cloud instead: export ScormCloud__AppId=... ScormCloud__SecretKey=... before running.
# No local provider (development tokens signed by the host, as before): export LOCAL_OIDC=0.
# Traces, metrics and logs in the .NET Aspire dashboard (http://127.0.0.1:18888, no containers): scripts/run.sh --dashboard
# (or RUN_DASHBOARD=1); any other OTLP endpoint: export OTEL_EXPORTER_OTLP_ENDPOINT=... (and OTEL_EXPORTER_OTLP_PROTOCOL).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# Result events go to a development webhook inside the host, which the sample app shows (docs/registrations.md#result-events).
export DevEvents__Inbox="${DevEvents__Inbox:-true}"
# Learners see the sample app's Retake button too (admins always do); the API default is false (docs/registrations.md).
export Registrations__LearnerMayRetake="${Registrations__LearnerMayRetake:-true}"

for arg in "$@"; do
  case "$arg" in
    --dashboard) RUN_DASHBOARD=1 ;;
    *) echo "usage: $0 [--dashboard]" >&2; exit 2 ;;
  esac
done

scripts/azurite.sh start
dashboard="off (scripts/run.sh --dashboard, or export OTEL_EXPORTER_OTLP_ENDPOINT)"
if [ "${RUN_DASHBOARD:-0}" = "1" ]; then
  scripts/dashboard.sh start
  # The local host exports over OTLP/HTTP to it (LocalTelemetry reads the standard OTEL_* variables).
  export OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:${DASHBOARD_OTLP_PORT:-18890}" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
  export OTEL_SERVICE_NAME="${OTEL_SERVICE_NAME:-scormfunctions-local}"
  dashboard="http://127.0.0.1:${DASHBOARD_PORT:-18888}  (stop: scripts/dashboard.sh stop; traces as text: scripts/dashboard.sh traces)"
elif [ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then
  dashboard="exporting to $OTEL_EXPORTER_OTLP_ENDPOINT"
fi
if [ "${LOCAL_OIDC:-1}" != "0" ]; then
  # Users and passwords of the login page: tools/oidc/provider.js (ada = admin, lin = learner, ...; password <name>-local).
  OIDC_PORT=7073 OIDC_CLIENT_ORIGINS="http://127.0.0.1:7071,http://localhost:7071" scripts/oidc.sh start
  export Oidc__Authority="${Oidc__Authority:-http://127.0.0.1:7073}"
else
  scripts/oidc.sh install # the SPA's OpenID Connect library; the app offers development tokens only
fi

echo "building the local host and the emulator..."
dotnet build src/ScormFunctions.LocalHost --nologo -v quiet -clp:ErrorsOnly
emulator_pid=""
if [ -z "${ScormCloud__AppId:-}" ] || [ -z "${ScormCloud__SecretKey:-}" ]; then
  dotnet build src/ScormCloud.Emulator --nologo -v quiet -clp:ErrorsOnly
  mkdir -p .localdata
  # Emulator credentials are fake, local-only values (the emulator's documented defaults).
  export ScormCloud__BaseUrl="http://127.0.0.1:7072/api/v2/" ScormCloud__AppId="emulator-app" ScormCloud__SecretKey="emulator-secret"
  # SCORM Cloud's learner data deletion is made on behalf of a realm user: a fake one for the emulator.
  export Privacy__ScormCloudRequesterEmail="${Privacy__ScormCloudRequesterEmail:-owner@example.org}"
  dotnet run --no-build --project src/ScormCloud.Emulator -- --urls http://127.0.0.1:7072 \
    --Emulator:AppId emulator-app --Emulator:SecretKey emulator-secret >.localdata/emulator.log 2>&1 &
  emulator_pid=$!
  trap '[ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/7072) 2>/dev/null && break; sleep 0.2; done
  echo "SCORM Cloud: offline emulator on http://127.0.0.1:7072/api/v2/ (log: .localdata/emulator.log)"
else
  echo "SCORM Cloud: ${ScormCloud__BaseUrl:-https://cloud.scorm.com/api/v2/} (app id ${ScormCloud__AppId})"
fi

cat <<TXT
ScormFunctions local host:
  API         http://127.0.0.1:7071/api
  health      http://127.0.0.1:7071/api/health
  OpenAPI     http://127.0.0.1:7071/api/openapi/v1.json
  sample SPA  http://127.0.0.1:7071/   (sign in: ada / ada-local = admin, lin / lin-local = learner)
  OIDC        ${Oidc__Authority:-off (development tokens only)}  (stop: scripts/oidc.sh stop)
  dev tokens  curl -s -X POST http://127.0.0.1:7071/api/dev/tokens -H 'content-type: application/json' -d '{"subject":"ada","roles":["admin"]}'
  events      http://127.0.0.1:7071/api/dev/events (admin; what the development webhook received), /api/events/outbox
  Azurite     blob 127.0.0.1:10000, queue :10001, table :10002 (stop: scripts/azurite.sh stop)
  telemetry   $dashboard
Press Ctrl+C to stop.
TXT
dotnet run --no-build --project src/ScormFunctions.LocalHost --no-launch-profile -- --urls http://127.0.0.1:7071
