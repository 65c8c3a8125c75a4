#!/usr/bin/env bash
# GBDT benchmark: MeioForecast's quantile GBDT vs scikit-learn's HistGradientBoostingRegressor(loss="quantile") on the
# same data and settings, 1 and 2 threads. Prints one RESULT line per (set, alpha, threads) with the ratios ours/sklearn
# (train wall time, train CPU time, predict time, holdout pinball loss) and our peak working set / raw feature matrix.
# Needs: apt-get install -y python3-sklearn python3-pandas (uses /usr/bin/python3) and ../shared/data for the real sets.
# Usage, from the repository root:  bench/MeioForecast.Gbt.Benchmarks/scripts/run.sh [OUT_DIR] [SETS...]
#   default OUT_DIR=/tmp/meio-gbdt-bench, SETS="synthetic rossmann walmart"
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
OUT="${1:-/tmp/meio-gbdt-bench}"
shift || true
SETS="${*:-synthetic rossmann walmart}"
PY=/usr/bin/python3
mkdir -p "$OUT"
for s in $SETS; do
  [ -f "$OUT/$s.meta.json" ] || "$PY" "$HERE/make_data.py" "$OUT" "$s"
done
dotnet build -c Release "$ROOT/bench/MeioForecast.Gbt.Benchmarks" -v q --nologo > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
BIN="$ROOT/bench/MeioForecast.Gbt.Benchmarks/bin/Release/net10.0/MeioForecast.Gbt.Benchmarks"
# set alpha iterations leaves learning_rate min_data_in_leaf (rossmann/walmart: the team's peer settings)
CONFIGS=(
  "synthetic 0.9 100 31 0.1 20"
  "rossmann 0.9 200 63 0.08 40"
  "rossmann 0.5 200 63 0.08 40"
  "walmart 0.9 200 63 0.08 40"
)
: > "$OUT/results.txt"
for c in "${CONFIGS[@]}"; do
  read -r set alpha iters leaves lr minleaf <<< "$c"
  case " $SETS " in *" $set "*) ;; *) continue ;; esac
  for t in 1 2; do
    sk="$OUT/sklearn-$set-$alpha-$t.json"
    OMP_NUM_THREADS=$t "$PY" "$HERE/sklearn_bench.py" "$OUT" "$set" "$alpha" "$iters" "$leaves" "$lr" "$minleaf" > "$sk"
    DOTNET_gcServer=0 "$BIN" --data "$OUT" --set "$set" --alpha "$alpha" --iters "$iters" --leaves "$leaves" --lr "$lr" \
      --min-leaf "$minleaf" --threads "$t" --sklearn "$sk" | tee -a "$OUT/results.txt"
  done
done
echo "== summary ($OUT/results.txt)"
grep RESULT "$OUT/results.txt"
