#!/usr/bin/env bash
# The main job: publish the sample site into local storage and serve it.
# Installs what it needs (the pinned Azurite and the editor's packages from npm), builds the editor, starts a private
# Azurite unless ContentStorage is set, publishes samples/posts and prints the site's and the editor's URLs.
# Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ ! -f node_modules/esbuild/package.json ] || [ ! -f node_modules/typescript/package.json ]; then
  echo "Installing Azurite and the editor's packages (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

# The editor (/admin): TypeScript and CodeMirror bundled by esbuild into src/CovalentBond.Admin/dist.
node src/CovalentBond.Admin/build.mjs

dotnet build src/CovalentBond.Cli/CovalentBond.Cli.csproj --nologo -v quiet -clp:ErrorsOnly
# exec the built tool directly so Ctrl+C reaches it and it can stop its Azurite.
exec dotnet src/CovalentBond.Cli/bin/Debug/net10.0/covalent.dll dev samples/posts --site samples/site.json "$@"
