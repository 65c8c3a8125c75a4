#!/usr/bin/env bash
# Scale benchmark (issue #11). For each size: generate an input of ~SIZE sku-nodes with the data-samples generator
# (`meio sample-data --seed 42 --skus SIZE/12 --stores 12`, kept in the work folder and reused), then time
#   1. `meio run` as one process, and
#   2. N shard processes (`meio run --shard i/N`, started together) followed by `meio finalize`,
# and compare every run file of the two (byte for byte: targets, forecasts, drivers, explanations, summary, metrics).
# Prints one markdown table row per (size, mode) as it completes:
#   wall s        wall-clock seconds (sharded: first shard start to finalize end)
#   peak MiB      largest max-RSS of any one process (/usr/bin/time %M): what one machine/pod must hold
#   sum MiB       sharded: sum of the shards' max RSS (all run at once on this machine)
#   fin MiB       sharded: max RSS of `meio finalize` (holds every shard's files and the merged ones)
#   ms/node       wall ms per sku-node;  KiB/node: peak KiB per sku-node of the largest process
#   same          every run file byte-identical to the single-process run (sharded rows only)
#
# Usage: bash bench/scale/run-scale.sh [--sizes "1000 10000 100000"] [--shards 2] [--method baseline|stage]
#                                      [--service on|off] [--work DIR]
#   --method   Forecasting:Method (default baseline: the per-series forecaster sharded runs need until a registered
#              global model is shared by all shards; `stage` = global GBDT + SSA combination, the run's default)
#   --service  ServiceCheck:Enabled (default on: simulation calibration + MEIO vs SEIO, as a default run)
#   --work     where inputs and outputs go (default a new temp folder; reuse one to skip generating inputs)
# Run it on a quiet machine; timings taken while other jobs run are inflated (the table says nothing about load).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="1000 10000 100000"; shards=2; method=baseline; service=on; work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --method) method=$2; shift 2 ;;
    --service) service=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${work:-$(mktemp -d)}
mkdir -p "$work"
app="$work/app"
dotnet publish src/MeioForecast.Worker -c Release -o "$app" --nologo -v q >/dev/null
enabled=$([ "$service" = on ] && echo true || echo false)
settings=(--Forecasting:Method="$method" --ServiceCheck:Enabled="$enabled")

# Runs a command under /usr/bin/time; prints "<seconds> <max RSS KiB>".
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" >"$log.out" 2>&1 || { echo "failed: $*" >&2; tail -20 "$log.out" >&2; exit 1; }
  tail -1 "$log"; rm -f "$log" "$log.out"
}

row() { # size nodes mode secs peakKiB sumMiB finMiB same
  printf '| %7s | %9s | %-8s | %-7s | %-7s | %8.1f | %8.0f | %8s | %8s | %8.3f | %8.1f | %-4s |\n' "$1" "$2" "$method" "$service" "$3" "$4" \
    "$(( $5 / 1024 ))" "$6" "$7" "$(echo "$4 * 1000 / $2" | bc -l)" "$(echo "$5 / $2" | bc -l)" "$8"
}

echo "scale benchmark: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), work $work"
echo
echo "|  target | sku-nodes | forecast | service | mode    |   wall s | peak MiB |  sum MiB |  fin MiB |  ms/node | KiB/node | same |"
echo "|--------:|----------:|----------|---------|---------|---------:|---------:|---------:|---------:|---------:|---------:|------|"
for size in $sizes; do
  input="$work/in-$size"
  [ -f "$input/demand.csv" ] || dotnet "$app/meio.dll" sample-data --out "$input" --seed 42 --skus $(( size / 12 )) --stores 12 >/dev/null
  nodes=$(( $(wc -l < "$input/sku_nodes.csv") - 1 ))

  single="$work/single-$size-$method-$service"; rm -rf "$single"
  read -r secs rss < <(measure dotnet "$app/meio.dll" run --input "$input" --output "$single" --run-id bench "${settings[@]}")
  row "$size" "$nodes" "1" "$secs" "$rss" "-" "-" "-"

  out="$work/sharded-$size-$method-$service"; rm -rf "$out"
  start=$(date +%s.%N); peak=0; sum=0; pids=(); logs=()
  for ((i = 0; i < shards; i++)); do
    logs[i]=$(mktemp)
    /usr/bin/time -f "%e %M" -o "${logs[i]}" dotnet "$app/meio.dll" run --input "$input" --output "$out" --run-id bench \
      --shard "$i/$shards" "${settings[@]}" >"${logs[i]}.out" 2>&1 &
    pids[i]=$!
  done
  for ((i = 0; i < shards; i++)); do
    wait "${pids[i]}" || { echo "shard $i failed:" >&2; tail -20 "${logs[i]}.out" >&2; exit 1; }
    rss=$(tail -1 "${logs[i]}" | awk '{print $2}'); rm -f "${logs[i]}" "${logs[i]}.out"
    sum=$(( sum + rss )); (( rss > peak )) && peak=$rss
  done
  read -r _ fin < <(measure dotnet "$app/meio.dll" finalize --run bench --shards "$shards" --output "$out")
  (( fin > peak )) && peak=$fin
  secs=$(echo "$(date +%s.%N) - $start" | bc -l)
  same=yes
  for f in "$single"/runs/bench/*; do
    name=$(basename "$f")
    # The manifest names its own run; report.html carries the planning time and, after finalize, no network graph
    # (finalize does not read the input: docs/report.md, "Sharded runs"). Every other file must be the same bytes.
    [ "$name" = manifest.json ] || [ "$name" = report.html ] || [ -d "$f" ] && continue
    cmp -s "$f" "$out/runs/bench/$name" || { same=no; echo "  $name differs between single and sharded at $size" >&2; }
  done
  row "$size" "$nodes" "${shards}+fin" "$secs" "$peak" "$(( sum / 1024 ))" "$(( fin / 1024 ))" "$same"
done
echo
echo "inputs and runs kept in $work"
