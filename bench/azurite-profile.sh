#!/usr/bin/env bash
# Where Azurite's blob service spends its time during the full republish after a theme change: runs the republish benchmark with
# Node's perf map on, samples the emulator with `perf` for the length of that republish, and prints the JavaScript
# functions that take the most of its CPU (self and with callees).
#
#   bash bench/azurite-profile.sh [posts=10000] [seconds=19]
#   PHASE=unchanged bash bench/azurite-profile.sh 10000 3     # the republish with nothing changed instead
#
# Needs Linux `perf` (Debian: linux-perf) and permission to sample another process (root, or
# kernel.perf_event_paranoid <= 1). About 8 minutes at 10,000 posts, most of it seeding.
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-10000}
SECONDS_SAMPLED=${2:-19}
WORK=$(mktemp -d /tmp/covalent-azurite-profile.XXXXXX)
dotnet build -c Release bench/CovalentBond.Bench >/dev/null
REPUBLISH_NODE_OPTIONS=--perf-basic-prof REPUBLISH_NO_HUGO=1 \
  dotnet run -c Release --no-build --project bench/CovalentBond.Bench -- republish "$POSTS" 4 > "$WORK/bench.log" 2>&1 &
bench=$!
# Each republish starts as soon as the line of the one before it is printed.
after=$([[ ${PHASE:-theme} == unchanged ]] && echo "after a theme change" || echo "first (no page")
until grep -q "$after" "$WORK/bench.log"; do
  kill -0 $bench 2>/dev/null || { cat "$WORK/bench.log"; exit 1; }
  sleep 0.5
done
# The blob service (its own process; the one combined process under AZURITE_ONE_PROCESS=1).
pid=$(pgrep -f "node .*azurite/dist/src/(blob/main|azurite)\.js" | head -1)
perf record -F 499 -g -p "$pid" -o "$WORK/azurite.perf" -- sleep "$SECONDS_SAMPLED" >/dev/null 2>&1
wait $bench
cat "$WORK/bench.log"
echo
echo "Azurite, $SECONDS_SAMPLED s of the republish (${PHASE:-theme}): JavaScript functions by share of its CPU (with callees, self)"
perf report -i "$WORK/azurite.perf" --stdio --children --sort symbol 2>/dev/null \
  | grep -E '^ +[0-9.]+% +[0-9.]+% .*JS:' | sed -E 's/ +- +- *$//; s/\[\.\] //; s#/[^ ]*node_modules/##' | head -40 || true  # head ends the pipe early
# Node writes a V8 log per isolate into its working folder (the repository) when it keeps a perf map.
rm -rf "$WORK" isolate-*-v8.log
