#!/usr/bin/env bash
# Runs every test: installs what is needed, checks formatting, then unit and integration tests (Release).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install.sh

echo "== dotnet format (verify)"
dotnet format VideoTranslation.sln --verify-no-changes --no-restore

echo "== tests"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test VideoTranslation.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line over all test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") failed += $(i + 1)
         if ($i == "Passed:") passed += $(i + 1)
         if ($i == "Skipped:") skipped += $(i + 1)
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
if [[ $status -ne 0 ]]; then
  echo "error: the test run failed (exit $status): a build error or failing tests, see above." >&2
fi
exit "$status"
