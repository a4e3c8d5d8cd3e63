#!/usr/bin/env bash
# Builds and lints every Bicep file under infra/ with the Bicep CLI from NuGet (no download script, no registry
# modules: works offline once the package is in the NuGet cache). Fails on any error or warning; the analyzer
# levels live in infra/bicepconfig.json. Also checks that azure.yaml deploys src/ScormFunctions.FunctionApp.
#   scripts/bicep.sh            restore tools/bicep (Azure.Bicep.CommandLine.linux-x64), build + lint all files
#   BICEP=/path/to/bicep scripts/bicep.sh   use that binary instead of restoring
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

fail() { echo "bicep: $*" >&2; exit 1; }

# azure.yaml must point the api service at the Functions project.
grep -Eq '^[[:space:]]+project:[[:space:]]*\.?/?src/ScormFunctions\.FunctionApp/?[[:space:]]*$' azure.yaml \
  || fail "azure.yaml: services.api.project must be ./src/ScormFunctions.FunctionApp"
grep -Eq '^[[:space:]]+host:[[:space:]]*function[[:space:]]*$' azure.yaml || fail "azure.yaml: services.api.host must be function"
[ -f src/ScormFunctions.FunctionApp/ScormFunctions.FunctionApp.csproj ] || fail "src/ScormFunctions.FunctionApp/ScormFunctions.FunctionApp.csproj is missing"

# Every parameter azd passes (infra/main.parameters.json) must exist in main.bicep, or the deployment fails.
for name in $(grep -oE '^    "[A-Za-z][A-Za-z0-9]*": \{' infra/main.parameters.json | tr -d ' ":{'); do
  grep -Eq "^param $name " infra/main.bicep || fail "infra/main.parameters.json: '$name' is not a parameter of infra/main.bicep"
done

# Every alert in infra/app/monitoring.bicep has its runbook section in docs/operations.md (its description links
# there), and every metric an alert queries is an instrument of ScormTelemetry.
alerts="$(sed -n "s/^    name: '\([a-z0-9-]*\)'$/\1/p" infra/app/monitoring.bicep)"
[ -n "$alerts" ] || fail "infra/app/monitoring.bicep: no alerts found"
for alert in $alerts; do
  grep -qx "## $alert" docs/operations.md || fail "docs/operations.md has no '## $alert' section for the alert of that name"
done
for metric in $(grep -oE 'name == \\?"scorm\.[a-z_.]+' infra/app/monitoring.bicep | grep -oE 'scorm\.[a-z_.]+' | sort -u); do
  grep -q "\"$metric\"" src/ScormFunctions.Core/Telemetry/ScormTelemetry.cs \
    || fail "infra/app/monitoring.bicep queries $metric, which src/ScormFunctions.Core/Telemetry/ScormTelemetry.cs does not define"
done
echo "bicep: $(wc -w <<<"$alerts") alerts, each with its runbook section; every metric they query is defined"

bicep="${BICEP:-}"
if [ -z "$bicep" ]; then
  version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' tools/bicep/bicep.csproj)"
  [ -n "$version" ] || fail "tools/bicep/bicep.csproj: no pinned Azure.Bicep.CommandLine.linux-x64 version"
  dotnet restore tools/bicep/bicep.csproj --nologo --verbosity quiet >/dev/null \
    || fail "dotnet restore tools/bicep/bicep.csproj failed"
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
  bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
  [ -f "$bicep" ] || fail "bicep $version not found in the NuGet cache after restore ($bicep)"
  [ -x "$bicep" ] || chmod u+x "$bicep"
fi

mapfile -t files < <(find infra -name '*.bicep' -type f | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || fail "no .bicep files under infra/"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
log="$tmp/diagnostics.log"
status=0
# Diagnostics go to stderr; the exit code is non-zero only for errors, so the lines are read as well.
"$bicep" build --pattern 'infra/**/*.bicep' --outdir "$tmp/out" >"$log" 2>&1 || status=1
"$bicep" lint --pattern 'infra/**/*.bicep' >>"$log" 2>&1 || status=1
built="$(find "$tmp/out" -name '*.json' -type f 2>/dev/null | wc -l)"
[ "$built" -eq "${#files[@]}" ] || { echo "bicep: built $built of ${#files[@]} files" >&2; status=1; }

# build and lint report the same diagnostic twice for a file; count each once.
diagnostics="$(grep -E ' : (Error|Warning) ' "$log" | LC_ALL=C sort -u || true)"
errors="$(grep -c ' : Error ' <<<"$diagnostics" || true)"
warnings="$(grep -c ' : Warning ' <<<"$diagnostics" || true)"
other="$(grep -vE ' : (Error|Warning|Info) |^[[:space:]]*$' "$log" || true)"

[ -n "$diagnostics" ] && printf '%s\n' "$diagnostics" | sed "s#$root/##" >&2
[ -n "$other" ] && printf '%s\n' "$other" >&2
echo "bicep: ${#files[@]} files built and linted, $errors errors, $warnings warnings"
if [ "$status" -ne 0 ] || [ "$errors" -ne 0 ] || [ "$warnings" -ne 0 ] || [ -n "$other" ]; then
  exit 1
fi
