#!/usr/bin/env bash
# Full build of the shared bench corpus: `covalent build` (Release) against Hugo 0.111 on the same posts, and against
# the `covalent build` of another commit (BASE, default the commit before the streaming build), in one run: paired,
# alternating, a warm-up first. Prints wall time and peak RSS for each run and the median ratios.
#
#   bash bench/build-vs-hugo.sh [pairs=3] [posts=10000]
#   BASE=<git ref> bash bench/build-vs-hugo.sh 3 1000      # compare with another commit at 1,000 posts
#
# Needs python3 (the corpus generator) and Hugo (`apt-get install hugo`, installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
POSTS=${2:-10000}
BASE=${BASE:-b22826e}
SHARED=${SHARED:-../shared}
WORK=$(mktemp -d /tmp/covalent-build-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if ! command -v hugo >/dev/null; then
  apt-get install -y -o DPkg::Lock::Timeout=900 hugo >/dev/null 2>&1 || sudo apt-get install -y -o DPkg::Lock::Timeout=900 hugo >/dev/null
fi

echo "building the CLI (Release): this tree, and $BASE"
dotnet publish src/CovalentBond.Cli -c Release -o "$WORK/new" >/dev/null
git worktree add --detach "$WORK/base-src" "$BASE" >/dev/null 2>&1
dotnet publish "$WORK/base-src/src/CovalentBond.Cli" -c Release -o "$WORK/base" >/dev/null
git worktree remove --force "$WORK/base-src"

python3 "$SHARED/bench/gen_corpus.py" -n "$POSTS" -o "$WORK/plain" --clean >/dev/null
mkdir -p "$WORK/hugo-site" && cp -r "$SHARED/bench/hugo-site/." "$WORK/hugo-site/"
python3 "$SHARED/bench/gen_corpus.py" -n "$POSTS" -o "$WORK/hugo-site" --layout hugo --clean >/dev/null

run() { # name, command...: prints "seconds kilobytes"
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
  read -r s kb < "$WORK/time"
  echo "$s $kb"
}

declare -A wall rss last
ratios=""; base_ratios=""
sides=(covalent base hugo)
# Each side keeps its multicore-JIT profile (JitProfile) in a cache folder of its own, written by its warm-up run.
cmd_covalent=(env XDG_CACHE_HOME="$WORK/cache-new" "$WORK/new/covalent" build "$WORK/plain" --out "$WORK/out-new")
cmd_base=(env XDG_CACHE_HOME="$WORK/cache-base" "$WORK/base/covalent" build "$WORK/plain" --out "$WORK/out-base")
cmd_hugo=(hugo --quiet -s "$WORK/hugo-site")

echo "$POSTS posts; warm-up (each side once over an empty output folder), then $PAIRS rounds over the previous output"
echo
echo "| round | side | wall s | peak RSS MB |"
echo "|---:|---|---:|---:|"
for round in $(seq 0 "$PAIRS"); do
  order=("${sides[@]}")
  if (( round % 2 == 1 )); then order=(hugo base covalent); fi
  for side in "${order[@]}"; do
    declare -n cmd="cmd_$side"
    read -r s kb < <(run "$side" "${cmd[@]}")
    label=$([[ $round == 0 ]] && echo warm-up || echo "$round")
    printf '| %s | %s | %s | %d |\n' "$label" "$side" "$s" $((kb / 1024))
    if (( round > 0 )); then wall[$side]+="$s "; rss[$side]+="$kb "; last[$side]=$s; fi
  done
  if (( round > 0 )); then
    ratios+="$(awk "BEGIN {printf \"%.3f\", ${last[covalent]} / ${last[hugo]}}") "
    base_ratios+="$(awk "BEGIN {printf \"%.3f\", ${last[covalent]} / ${last[base]}}") "
  fi
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
c=$(echo "${wall[covalent]}" | median); b=$(echo "${wall[base]}" | median); h=$(echo "${wall[hugo]}" | median)
cr=$(echo "${rss[covalent]}" | tr ' ' '\n' | sort -g | tail -1); hr=$(echo "${rss[hugo]}" | tr ' ' '\n' | sort -g | tail -1)
echo
echo "median wall: covalent $c s, $BASE $b s, hugo $h s"
echo "covalent / hugo per round: $ratios(median $(echo "$ratios" | median)×)"
echo "covalent / $BASE per round: $base_ratios(median $(echo "$base_ratios" | median)×)"
echo "peak RSS: covalent $((cr / 1024)) MB, hugo $((hr / 1024)) MB"
