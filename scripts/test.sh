#!/usr/bin/env bash
# Every test. Installs what the tests need, then runs the whole solution's tests:
#   - npm packages pinned in package.json: Azurite, the Nu HTML checker (vnu-jar), axe-core, sitemap's XSD, and the
#     editor's (esbuild, CodeMirror), which it then builds into src/CovalentBond.Admin/dist;
#   - Debian packages: chromium (browser tests), libxml2-utils (xmllint), python3-feedparser, imagemagick and
#     libimage-exiftool-perl (the image tests make their files with one and read them back with both).
# Java 17 and the .NET SDK are expected on the machine. Tests start their own Azurite on free ports.
#
#   bash scripts/test.sh --fast   the fast lane: no Azurite, no browser, no outside tools, nothing installed
#                                 (tests traited Category=Integration, Browser or Tools are left out); minutes, not tens
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--fast" ]; then
  shift
  exec bash "$0" --skip-install --filter "Category!=Integration&Category!=Browser&Category!=Tools" "$@"
fi

skip_install=false
if [ "${1:-}" = "--skip-install" ]; then
  skip_install=true
  shift
fi

install() {
for f in azurite/dist/src/azurite.js vnu-jar/build/dist/vnu.jar axe-core/axe.min.js sitemap/schema/sitemap.xsd esbuild/package.json @codemirror/view/package.json typescript/package.json; do
  if [ ! -f "node_modules/$f" ]; then
    echo "Installing npm packages (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
/usr/bin/python3 -c "import feedparser" >/dev/null 2>&1 || need+=(python3-feedparser)
# By full path: some machines put a stand-in `convert` earlier on the PATH.
[ -x /usr/bin/convert-im6.q16 ] || [ -x /usr/bin/magick ] || need+=(imagemagick)
command -v exiftool >/dev/null 2>&1 || need+=(libimage-exiftool-perl)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  # Another apt (the machine's own updates) may hold the lock: wait for it rather than fail.
  wait_lock=(-o DPkg::Lock::Timeout=900)
  "${sudo_cmd[@]}" apt-get "${wait_lock[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v java >/dev/null 2>&1 || { echo "error: Java 17 is needed for the Nu HTML checker (apt-get install openjdk-17-jre-headless)"; exit 2; }
}
$skip_install || install

# The editor (/admin): type-checked and bundled for the browser tests that drive it, and its own unit tests (node:test).
# Skipped when the npm packages are absent (the fast lane on a machine where nothing was installed).
editor_status=0
if [ -f node_modules/esbuild/package.json ] && [ -f node_modules/typescript/package.json ]; then
  node src/CovalentBond.Admin/build.mjs
  node src/CovalentBond.Admin/test.mjs >"${TMPDIR:-/tmp}/covalent-admin-tests.log" 2>&1 || editor_status=$?
  { grep -E '^# (tests|pass|fail) ' "${TMPDIR:-/tmp}/covalent-admin-tests.log" || true; } | tr '\n' ' ' | sed 's/^/Editor unit tests (node:test): /'; echo
  [ "$editor_status" -eq 0 ] || cat "${TMPDIR:-/tmp}/covalent-admin-tests.log"
fi

# Formatting as .editorconfig says (the analyzers' rules fail the build itself).
dotnet restore CovalentBond.sln --nologo -v q >/dev/null
dotnet format whitespace CovalentBond.sln --no-restore --verify-no-changes || { echo "error: run 'dotnet format whitespace CovalentBond.sln' and commit the result"; exit 1; }

log="$(mktemp)"
storage_log="$(mktemp)"
trap 'rm -f "$log" "$storage_log"' EXIT
status=$editor_status
dotnet build CovalentBond.sln --nologo -v q -clp:ErrorsOnly

# Two lanes on the machine's two cores: the storage tests (the longest project, on an Azurite of their own) and then
# the editor's browser tests, beside the other projects one after another. Each lane's own output stays in one piece:
# the background lane's is printed when it ends.
(
  lane=0
  dotnet test tests/CovalentBond.Storage.Tests --no-build --nologo "$@" || lane=$?
  dotnet test tests/CovalentBond.Admin.Tests --no-build --nologo "$@" || lane=$?
  exit "$lane"
) >"$storage_log" 2>&1 &
storage_pid=$!
for project in tests/*.Tests/*.Tests.csproj; do
  case "$project" in */CovalentBond.Storage.Tests.csproj|*/CovalentBond.Admin.Tests.csproj) continue ;; esac
  dotnet test "$project" --no-build --nologo "$@" 2>&1 | tee -a "$log" || status=$?
done
wait "$storage_pid" || status=$?
cat "$storage_log" | tee -a "$log"

# One closing line over all test projects: "Tests: N passed, N failed, N skipped".
awk '/^(Passed|Failed)! +- Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
