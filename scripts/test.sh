#!/usr/bin/env bash
# Runs every test: installs what is needed, checks formatting, then unit and integration tests (Release).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install.sh

# s3rver, an S3-compatible server the tests start on a loopback port (the S3 artifact store), from npm.
if [[ ! -x .build/s3rver/node_modules/.bin/s3rver ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  npm install --prefix .build/s3rver --no-audit --no-fund --loglevel=error s3rver@3.7.1
fi

# Third-party clients and validators the conformance tests drive against the real server, from npm, pinned: Redocly
# CLI (lints the OpenAPI document), openapi-typescript with openapi-fetch and TypeScript (a typed client generated from
# the document), eventsource (an EventSource as Node programs use it), standardwebhooks (the reference verifier).
conformance_packages="@redocly/cli@2.77.0 openapi-typescript@7.13.0 openapi-fetch@0.17.0 typescript@5.9.3 @types/node@20.19.9 eventsource@4.1.1 standardwebhooks@1.1.1"
if [[ "$(cat .build/conformance/installed 2>/dev/null)" != "$conformance_packages" ]]; then
  rm -rf .build/conformance
  # shellcheck disable=SC2086 # the list is words on purpose
  npm install --prefix .build/conformance --no-audit --no-fund --loglevel=error $conformance_packages
  echo "$conformance_packages" > .build/conformance/installed
fi

# Chromium for the web page's browser tests (driven by Playwright; Debian's build, never a browser download), and
# zsh and fish for the completion scripts' tests.
if ! command -v chromium >/dev/null 2>&1 || ! command -v zsh >/dev/null 2>&1 || ! command -v fish >/dev/null 2>&1; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver zsh fish
fi

echo "== dotnet format (verify)"
dotnet format VideoTranslation.sln --verify-no-changes --no-restore

echo "== tests"
log="$(mktemp)"
# The servers the tests start (s3rver, PostgreSQL) stop when the test host exits, but not when it is killed at the
# end of a run; end whatever is left of this run's, whatever happened.
cleanup() {
  rm -f "$log"
  pkill -f "$root/.build/s3rver/node_modules" 2>/dev/null || true
  pgrep -f 'bin/postgres -D /tmp/vts-postgres-' | xargs -r kill -QUIT 2>/dev/null || true
}
trap cleanup EXIT
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
