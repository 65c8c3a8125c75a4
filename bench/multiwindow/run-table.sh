#!/usr/bin/env bash
# The multi-window table of issue 23: for each data set, the forecasting stage (`meio backtest --windows 6`, recorded
# for --replay) and scikit-learn HGB (the shared peer, --drop k x S) on the same six windows, then one summary table.
# Usage (from the repository root):
#   bash bench/multiwindow/run-table.sh [--data "oj rossmann walmart"] [--out DIR] [--shared ../shared] [-- extra backtest args]
# Each step's wall time goes to DIR/timings.tsv, each data set's (stage and peer side by side) to DIR/wall.tsv; a step
# whose output exists is skipped (rerun after an interruption). The peer is single-threaded and the stage leaves part of
# the second core idle, so the six peer windows run beside the stage instead of after it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="oj rossmann walmart"
out="multiwindow-results"
shared="$root/../shared"
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --shared) shared="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 6 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
shared="$(cd "$shared" && pwd)"
dotnet build "$root/src/MeioForecast.Worker" -c Release -m:1 -v q -nologo > "$out/build.log"
# A private copy of the binaries: a rebuild of the worktree during a long run must not replace them under it.
rm -rf "$out/bin" && cp -r "$root/src/MeioForecast.Worker/bin/Release/net10.0" "$out/bin"
meio="$out/bin/meio"
timings="$out/timings.tsv"
[[ -f "$timings" ]] || printf 'step\twall_s\tuser_s\tsys_s\tpeak_mb\n' > "$timings"

wall="$out/wall.tsv"
[[ -f "$wall" ]] || printf 'data\twall_s\n' > "$wall"

timed() { # name, command...: wall, user and system CPU seconds, peak resident MB
  local name="$1"; shift
  local t="$out/.time-${name// /-}"
  /usr/bin/time -o "$t" -f "%e\t%U\t%S\t%M" "$@"
  awk -v n="$name" -F '\t' '{ printf "%s\t%s\t%s\t%s\t%d\n", n, $1, $2, $3, $4 / 1024 }' "$t" >> "$timings"
  rm -f "$t"
}

for d in $data; do
  case "$d" in
    oj) h=8; s=4; mask=observed; seg=deal; profile=week ;;
    walmart) h=8; s=4; mask=observed; seg=holiday; profile=week ;;
    rossmann) h=28; s=28; mask=open; seg=promo; profile=day ;;
    *) echo "unknown data set $d" >&2; exit 6 ;;
  esac
  start=$SECONDS
  [[ -f "$out/input-$d/settings.csv" ]] || timed "import $d" "$meio" import "$d" --source "$shared/data" --out "$out/input-$d" > /dev/null
  (
    for k in 0 1 2 3 4 5; do
      n=$((k * s))
      if [[ ! -f "$out/peer-$d-$n/results_$d.json" ]]; then
        timed "peer $d drop $n" env OMP_NUM_THREADS=1 /usr/bin/python3 "$shared/peers/sklearn_quantile_baseline.py" "$d" \
          --drop "$n" --out "$out/peer-$d-$n" > "$out/peer-$d-$n.log" 2>&1
      fi
    done
  ) &
  peers=$!
  if [[ ! -f "$out/stage-$d/backtest_windows.json" ]]; then
    timed "stage $d" "$meio" backtest --input "$out/input-$d" --model combine --windows 6 --step "$s" --horizon "$h" \
      --score-mask "$mask" --segment "$seg" --settings "$root/pipelines/settings/forecasting-thorough-$profile.json" \
      --out "$out/stage-$d" --record "$out/record-$d" "${extra[@]}" > "$out/stage-$d.log" 2>&1
  fi
  wait "$peers"
  printf '%s\t%d\n' "$d" $((SECONDS - start)) >> "$wall"
done
/usr/bin/python3 "$root/bench/multiwindow/summarize.py" "$out" $data "--shared=$shared" | tee "$out/table.md"
