"""Times scikit-learn's HistGradientBoostingRegressor(loss="quantile") on a set written by make_data.py and prints one
JSON line: {"set", "alpha", "threads", "train_s" (wall), "train_cpu_s" (process CPU), "predict_s", "pinball", "peak_rss_mb"}.
Threads: set OMP_NUM_THREADS before starting python (run.sh does). Settings mirror the C# side (see run.sh).
Usage: OMP_NUM_THREADS=1 /usr/bin/python3 sklearn_bench.py DATA_DIR SET ALPHA ITERS LEAVES LR MIN_LEAF
"""
import json, os, resource, sys, time
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

d, name, alpha, iters, leaves, lr, min_leaf = sys.argv[1:8]
alpha, iters, leaves, lr, min_leaf = float(alpha), int(iters), int(leaves), float(lr), int(min_leaf)
meta = json.load(open(os.path.join(d, f"{name}.meta.json")))
nf = len(meta["features"])


def read(part, n):
    a = np.fromfile(os.path.join(d, f"{name}.{part}.bin"), dtype="<f8")
    return a[: n * nf].reshape(nf, n).T, a[n * nf:]


Xtr, ytr = read("train", meta["n_train"])
Xte, yte = read("test", meta["n_test"])
Xtr = np.ascontiguousarray(Xtr)
Xte = np.ascontiguousarray(Xte)
model = HistGradientBoostingRegressor(
    loss="quantile", quantile=alpha, max_iter=iters, max_leaf_nodes=leaves, learning_rate=lr, min_samples_leaf=min_leaf,
    max_bins=255, l2_regularization=0.0, early_stopping=False, categorical_features=np.array(meta["categorical"]),
    random_state=0)
t0, c0 = time.perf_counter(), time.process_time()
model.fit(Xtr, ytr)
train_s, train_cpu_s = time.perf_counter() - t0, time.process_time() - c0
t0 = time.perf_counter()
p = model.predict(Xte)
predict_s = time.perf_counter() - t0
dlt = yte - p
pinball = float(np.mean(np.maximum(alpha * dlt, (alpha - 1) * dlt)))
print(json.dumps({"set": name, "alpha": alpha, "threads": os.environ.get("OMP_NUM_THREADS", "all"),
                  "train_s": train_s, "train_cpu_s": train_cpu_s, "predict_s": predict_s, "pinball": pinball, "trees": model.n_iter_,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
