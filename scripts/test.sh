#!/usr/bin/env bash
# Every test: installs what the tests need (the pinned Azurite from npm), then runs the whole
# solution's tests. Tests start their own Azurite on free ports and stop it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test CovalentBond.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test projects: "Tests: N passed, N failed, N skipped".
awk '/^(Passed|Failed)! +- Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
