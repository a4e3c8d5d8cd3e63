#!/usr/bin/env bash
# Every bench command with --quick, as a smoke check (CI step 5): a bench that prints FAIL (missed its target on a
# noisy machine) does not fail the build; one that crashes, or prints no PASS/FAIL line, does.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
project=benchmarks/ScormFunctions.Benchmarks
dotnet build "$project" -c Release --nologo -clp:ErrorsOnly -v quiet || exit 1
status=0
for bench in relay postbacks csv launch assign imports reconcile; do
  started=$SECONDS
  out="$(timeout 180 dotnet run -c Release --no-build --project "$project" -- "$bench" --quick 2>&1)"
  rc=$?
  # The verdict is the last line that is exactly PASS or FAIL (a host may still log while it shuts down after it).
  last="$(printf '%s\n' "$out" | grep -xE 'PASS|FAIL' | tail -n 1)"
  if [[ ( $rc -eq 0 && $last == PASS ) || ( $rc -eq 1 && $last == FAIL ) ]]; then
    echo "bench $bench --quick: $last ($((SECONDS - started)) s)"
  else
    printf '%s\n' "$out" | tail -n 40
    echo "bench $bench --quick: CRASHED (exit $rc) after $((SECONDS - started)) s"
    status=1
  fi
done
exit $status
