#!/usr/bin/env bash
# The full republish of the bench corpus into Azurite (first, after a theme change, nothing changed), for this tree
# and another commit (BASE) in one run: paired, alternating, each pair in the order of the one before reversed.
# Both benchmarks are built before the first run, so nothing is compiled while one runs. Prints each run's table
# and, at the end, the three wall times of every run side by side.
#
#   bash bench/republish-pairs.sh [pairs=2] [posts=10000]
#   BASE=<git ref> bash bench/republish-pairs.sh 2 10000
#   REPUBLISH_VERIFY=1 BASE=<git ref> bash bench/republish-pairs.sh 2 10000   # and the daily verify after them
#
# About 8 minutes a run at 10,000 posts on 2 cores (most of it seeding Azurite), so 2 pairs take about 35 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-2}
POSTS=${2:-10000}
BASE=${BASE:-HEAD~1}
WORK=$(mktemp -d /tmp/covalent-republish-pairs.XXXXXX)
trap 'git worktree remove --force "$WORK/base" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

echo "building the benchmark (Release): this tree, and $BASE ($(git rev-parse --short "$BASE"))"
dotnet build bench/CovalentBond.Bench -c Release -v q >/dev/null
git worktree add --detach "$WORK/base" "$BASE" >/dev/null 2>&1
ln -s "$PWD/node_modules" "$WORK/base/node_modules"
dotnet build "$WORK/base/bench/CovalentBond.Bench" -c Release -v q >/dev/null

run() { # name, repository root
  local name=$1 root=$2
  echo "== $name"
  (cd "$root" && REPUBLISH_NO_HUGO=1 NODE_OPTIONS=--max-old-space-size=8192 \
    dotnet run -c Release --no-build --project bench/CovalentBond.Bench -- republish "$POSTS" 4) | tee "$WORK/$name.log"
  # The three republish rows of the table: first, after a theme change, nothing changed (wall time is column 11).
  grep -E '^\| (first|after|nothing)' "$WORK/$name.log" | awk -F'|' -v n="$name" '{ printf "%s\t%s\t%s\n", n, $2, $11 }' >> "$WORK/summary"
  # With REPUBLISH_VERIFY=1, the verify's line too.
  grep -E '^verify \(no repair\)' "$WORK/$name.log" | sed "s/^/$name\t/" >> "$WORK/summary" || true
}

for pair in $(seq 1 "$PAIRS"); do
  if [ $((pair % 2)) -eq 1 ]; then
    run "pair$pair-base" "$WORK/base"; run "pair$pair-this" "$PWD"
  else
    run "pair$pair-this" "$PWD"; run "pair$pair-base" "$WORK/base"
  fi
done

echo
echo "run	republish	wall time"
cat "$WORK/summary"
