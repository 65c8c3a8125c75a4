"""Whole-process `meio gbdt fit` + `meio gbdt predict` (LightGBM engine, and the native engine for reference) against
scikit-learn's HistGradientBoostingRegressor(loss="quantile") fit + predict, on one pinned core, printed as ratios.

Data: 200,000 training + 50,000 holdout rows x 20 numeric features (2% missing in x3), the synthetic formula of
make_data.py (seed 0): y = 2 sin(pi x0 x1) + 4 (x2 - 0.5)^2 + 1.5 x3 + x4 + 0.5 x5 x6 + (0.3 + 0.7 x7) N(0,1),
written once as CSV (train.csv, test.csv, label column y). Settings on both sides: alpha 0.9, 100 trees, 31 leaves,
learning rate 0.1, 20 rows per leaf, 255 bins, no L2, no early stopping, one thread (OMP_NUM_THREADS=1, --num-threads 1),
every process under `taskset -c CORE`.

sklearn is timed two ways: fit + predict inside the process (the issue's yardstick), and its whole process (python
start, pandas read_csv of both files, fit, predict, write the predictions CSV), the same work as meio's two processes.
Each time is wall and CPU (user + sys): on a machine shared with other jobs, CPU time is the comparable one.
Pinball is the mean holdout loss at alpha, computed here from each side's predictions file.

Usage (from the repository root, after `dotnet build -c Release src/MeioForecast.Worker`):
  CORE=0 /usr/bin/python3 bench/MeioForecast.Gbt.Benchmarks/scripts/cli_bench.py [OUT_DIR] [REPEATS]
Needs: apt-get install -y python3-sklearn python3-pandas.
"""
import json, os, resource, subprocess, sys, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/meio-gbdt-cli"
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
CORE = os.environ.get("CORE", "0")
MEIO = ["dotnet", os.path.join(ROOT, "src", "MeioForecast.Worker", "bin", "Release", "net10.0", "meio.dll")]
ALPHA = 0.9
PIN = ["taskset", "-c", CORE]


def write_data():
    train, test = os.path.join(OUT, "train.csv"), os.path.join(OUT, "test.csv")
    if os.path.exists(train) and os.path.exists(test):
        return train, test
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(0)
    n = 250_000
    X = rng.random((n, 20))
    y = (2 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 4 * (X[:, 2] - 0.5) ** 2 + 1.5 * X[:, 3] + X[:, 4]
         + 0.5 * X[:, 5] * X[:, 6] + (0.3 + 0.7 * X[:, 7]) * rng.standard_normal(n))
    X[rng.random(n) < 0.02, 3] = np.nan
    import pandas as pd
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(20)])
    frame["y"] = y
    frame.iloc[:200_000].to_csv(train, index=False, float_format="%.17g", na_rep="")
    frame.iloc[200_000:].to_csv(test, index=False, float_format="%.17g", na_rep="")
    return train, test


SKLEARN = r'''
import sys, time, json
t_start = time.perf_counter()
import numpy as np, pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
train, test, out, alpha = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
a = pd.read_csv(train); b = pd.read_csv(test)
Xtr, ytr = a.drop(columns="y").to_numpy(), a["y"].to_numpy()
Xte = b.drop(columns="y").to_numpy()
m = HistGradientBoostingRegressor(loss="quantile", quantile=alpha, max_iter=100, max_leaf_nodes=31, learning_rate=0.1,
    min_samples_leaf=20, max_bins=255, l2_regularization=0.0, early_stopping=False, random_state=0)
t0, c0 = time.perf_counter(), time.process_time(); m.fit(Xtr, ytr); p = m.predict(Xte)
fit_predict_s, fit_predict_cpu_s = time.perf_counter() - t0, time.process_time() - c0
pd.DataFrame({"prediction": p}).to_csv(out, index=False, float_format="%.17g")
print(json.dumps({"fit_predict_s": fit_predict_s, "fit_predict_cpu_s": fit_predict_cpu_s}))
'''


def run(cmd, env=None):
    """Wall seconds, CPU seconds (user + sys of the child: the number that holds on a shared machine) and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(PIN + cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stdout


def pinball(test, predictions):
    import pandas as pd
    y = pd.read_csv(test)["y"].to_numpy()
    p = pd.read_csv(predictions)["prediction"].to_numpy()
    d = y - p
    return float(np.mean(np.maximum(ALPHA * d, (ALPHA - 1) * d)))


def meio(engine, train, test):
    model = os.path.join(OUT, f"model-{engine}.{'txt' if engine == 'lightgbm' else 'json'}")
    pred = os.path.join(OUT, f"pred-{engine}.csv")
    fit_s, fit_cpu, _ = run(MEIO + ["gbdt", "fit", "--data", train, "--label", "y", "--model", model, "--engine", engine,
                           "--alpha", str(ALPHA), "--num-trees", "100", "--num-leaves", "31", "--learning-rate", "0.1",
                           "--min-data-in-leaf", "20", "--max-bin", "255", "--num-threads", "1"])
    predict_s, predict_cpu, _ = run(MEIO + ["gbdt", "predict", "--model", model, "--data", test, "--out", pred, "--num-threads", "1"])
    return {"fit_process_s": fit_s, "predict_process_s": predict_s, "whole_s": fit_s + predict_s,
            "fit_process_cpu_s": fit_cpu, "predict_process_cpu_s": predict_cpu, "whole_cpu_s": fit_cpu + predict_cpu,
            "pinball": pinball(test, pred)}


def sklearn(train, test):
    pred = os.path.join(OUT, "pred-sklearn.csv")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    whole_s, whole_cpu, out = run(["/usr/bin/python3", "-c", SKLEARN, train, test, pred, str(ALPHA)], env)
    r = json.loads(out.strip().splitlines()[-1])
    return {"fit_predict_s": r["fit_predict_s"], "fit_predict_cpu_s": r["fit_predict_cpu_s"], "whole_s": whole_s,
            "whole_cpu_s": whole_cpu, "pinball": pinball(test, pred)}


def best(runs):
    # The fastest of the repeats for times (least disturbed by the other tenants of the machine); pinball is deterministic.
    return {k: min(r[k] for r in runs) for k in runs[0]}


train, test = write_data()
results = {}
for _ in range(REPEATS):
    for name, f in (("lightgbm", lambda: meio("lightgbm", train, test)), ("native", lambda: meio("native", train, test)),
                    ("sklearn", lambda: sklearn(train, test))):
        results.setdefault(name, []).append(f())
lgb, nat, sk = best(results["lightgbm"]), best(results["native"]), best(results["sklearn"])
print(json.dumps({"lightgbm": lgb, "native": nat, "sklearn": sk, "repeats": REPEATS, "core": CORE}, indent=1))
for unit, key in (("wall", ""), ("cpu", "_cpu")):
    print(f"RATIO {unit} meio-lightgbm fit+predict processes / sklearn fit+predict = {lgb['whole' + key + '_s'] / sk['fit_predict' + key + '_s']:.3f}  (target <= 1.0)")
    print(f"RATIO {unit} meio-lightgbm fit+predict processes / sklearn process     = {lgb['whole' + key + '_s'] / sk['whole' + key + '_s']:.3f}")
    print(f"RATIO {unit} meio-native   fit+predict processes / sklearn fit+predict = {nat['whole' + key + '_s'] / sk['fit_predict' + key + '_s']:.3f}")
print(f"RATIO pinball meio-lightgbm / sklearn = {lgb['pinball'] / sk['pinball']:.4f}  (target <= 1.01)")
print(f"RATIO pinball meio-native   / sklearn = {nat['pinball'] / sk['pinball']:.4f}")
