#!/usr/bin/env bash
# The main job: publish the sample site into local storage and serve it.
# Installs what it needs (the pinned Azurite from npm), starts a private Azurite unless
# ContentStorage is set, publishes samples/posts and prints the site's URL. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet build src/CovalentBond.Cli/CovalentBond.Cli.csproj --nologo -v quiet -clp:ErrorsOnly
# exec the built tool directly so Ctrl+C reaches it and it can stop its Azurite.
exec dotnet src/CovalentBond.Cli/bin/Debug/net10.0/covalent.dll dev samples/posts --site samples/site.json "$@"
