#!/usr/bin/env bash
# Every test: installs what the tests need (the pinned Azurite from npm), then runs the whole
# solution's tests. Tests start their own Azurite on free ports and stop it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet test CovalentBond.sln --nologo "$@"
