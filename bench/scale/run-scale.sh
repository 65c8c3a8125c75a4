#!/usr/bin/env bash
# Scale benchmark (issue #11): generate inputs of ~1k, 10k, 100k sku-nodes with `meio sample-data --skus M --stores 12`
# (the data-samples generator, seed 42), then time `meio run` as one process and as N local shard processes
# (`meio run --shard i/N`, run concurrently) + `meio finalize`, and check that both give byte-identical files.
# Prints per size: sku-nodes, wall time, peak memory (max RSS of any one process, from /usr/bin/time), and the
# wall time per sku-node, so growth with size is visible.
#
# Usage: bash bench/scale/run-scale.sh [SIZES] [SHARDS]      e.g.  bash bench/scale/run-scale.sh "1000 10000" 2
# SIZES are target sku-node counts (skus = SIZE / 12); SHARDS defaults to 2 (the 2-core budget of the issue).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${1:-"1000 10000 100000"}
shards=${2:-2}
work=${SCALE_WORK:-$(mktemp -d)}
app="$work/app"
dotnet publish src/MeioForecast.Worker -c Release -o "$app" --nologo -v q >/dev/null
meio() { dotnet "$app/meio.dll" "$@"; }

# Runs a command under /usr/bin/time; prints "<seconds> <max RSS KiB>".
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$log" >&2; exit 1; }
  tail -1 "$log"; rm -f "$log"
}

printf '%-9s %-9s %-6s %10s %12s %14s\n' "target" "sku-nodes" "mode" "wall s" "peak MiB" "ms/sku-node"
for size in $sizes; do
  skus=$(( size / 12 ))
  input="$work/in-$size"
  [ -f "$input/demand.csv" ] || meio sample-data --out "$input" --seed 42 --skus "$skus" --stores 12 >/dev/null
  nodes=$(( $(wc -l < "$input/sku_nodes.csv") - 1 ))

  rm -rf "$work/single-$size"
  read -r secs rss < <(measure dotnet "$app/meio.dll" run --input "$input" --output "$work/single-$size" --run-id bench)
  printf '%-9s %-9s %-6s %10.1f %12.0f %14.3f\n' "$size" "$nodes" "1" "$secs" "$(( rss / 1024 ))" "$(echo "$secs * 1000 / $nodes" | bc -l)"

  out="$work/sharded-$size"; rm -rf "$out"
  start=$(date +%s.%N); peak=0; pids=(); logs=()
  for ((i = 0; i < shards; i++)); do
    logs[i]=$(mktemp)
    /usr/bin/time -f "%e %M" -o "${logs[i]}" dotnet "$app/meio.dll" run --input "$input" --output "$out" --run-id bench --shard "$i/$shards" >/dev/null 2>&1 &
    pids[i]=$!
  done
  for ((i = 0; i < shards; i++)); do
    wait "${pids[i]}" || { echo "shard $i failed" >&2; exit 1; }
    rss=$(tail -1 "${logs[i]}" | awk '{print $2}'); rm -f "${logs[i]}"
    (( rss > peak )) && peak=$rss
  done
  read -r _ rss < <(measure dotnet "$app/meio.dll" finalize --run bench --shards "$shards" --output "$out")
  (( rss > peak )) && peak=$rss
  secs=$(echo "$(date +%s.%N) - $start" | bc -l)
  printf '%-9s %-9s %-6s %10.1f %12.0f %14.3f\n' "$size" "$nodes" "${shards}+fin" "$secs" "$(( peak / 1024 ))" "$(echo "$secs * 1000 / $nodes" | bc -l)"
  for f in targets.csv forecasts.csv; do
    cmp -s "$work/single-$size/runs/bench/$f" "$out/runs/bench/$f" || { echo "$f differs between single and sharded at $size" >&2; exit 1; }
  done
done
echo "sharded == single (targets.csv, forecasts.csv byte-identical) for every size; work folder: $work"
