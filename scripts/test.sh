#!/usr/bin/env bash
# Runs every test: unit, integration (Azurite + in-process SCORM Cloud emulator on 127.0.0.1) and, where Chromium
# is installed, the browser end-to-end suite. Starts Azurite (pinned, from npm) when it is not running.
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Imports".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/azurite.sh start
results="$root/artifacts/test-results"
rm -rf "$results"

status=0
dotnet test ScormFunctions.Local.slnf --nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line for every runner that reads it: "tests: N passed, N failed, N skipped".
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
