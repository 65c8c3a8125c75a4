"""Writes the GBDT benchmark data sets as raw little-endian float64 files, read identically by sklearn and by
MeioForecast.Gbt.Benchmarks:
  <out>/<name>.meta.json              {"features": [...], "categorical": [...], "n_train": n, "n_test": m}
  <out>/<name>.train.bin, .test.bin   feature columns one after the other (column-major), then the label column.
Sets:
  synthetic  1,000,000 train + 200,000 holdout rows x 20 numeric features (2% NaN in x3), seed 0:
             y = 2 sin(pi x0 x1) + 4 (x2 - 0.5)^2 + 1.5 x3 + x4 + 0.5 x5 x6 + (0.3 + 0.7 x7) * N(0,1)
  rossmann   ../shared/data/rossmann100 with the team's peer features (lags >= 28, rolling means, calendar, open/promo),
             built by ../shared/peers/sklearn_quantile_baseline.py (load + add_lags), same train/holdout split.
  walmart    ../shared/data/walmart, same construction (lags >= 8).
Usage: /usr/bin/python3 make_data.py OUT_DIR [synthetic] [rossmann] [walmart]
"""
import json, os, sys
import numpy as np

OUT = sys.argv[1]
SETS = sys.argv[2:] or ["synthetic", "rossmann"]
HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "peers"))


def write(name, feats, cats, Xtr, ytr, Xte, yte):
    os.makedirs(OUT, exist_ok=True)
    for part, X, y in (("train", Xtr, ytr), ("test", Xte, yte)):
        with open(os.path.join(OUT, f"{name}.{part}.bin"), "wb") as fh:
            np.asfortranarray(X, dtype="<f8").T.tofile(fh)  # column-major = rows of X.T
            np.asarray(y, dtype="<f8").tofile(fh)
    meta = {"features": feats, "categorical": cats, "n_train": int(len(ytr)), "n_test": int(len(yte))}
    with open(os.path.join(OUT, f"{name}.meta.json"), "w") as fh:
        json.dump(meta, fh)
    print(f"{name}: train {Xtr.shape} test {Xte.shape} categorical {[f for f, c in zip(feats, cats) if c]}")


def synthetic():
    rng = np.random.default_rng(0)
    n = 1_200_000
    X = rng.random((n, 20))
    y = (2 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 4 * (X[:, 2] - 0.5) ** 2 + 1.5 * X[:, 3] + X[:, 4]
         + 0.5 * X[:, 5] * X[:, 6] + (0.3 + 0.7 * X[:, 7]) * rng.standard_normal(n))
    X[rng.random(n) < 0.02, 3] = np.nan
    feats = [f"x{i}" for i in range(20)]
    write("synthetic", feats, [False] * 20, X[:1_000_000], y[:1_000_000], X[1_000_000:], y[1_000_000:])


def real(name):
    sys.path.insert(0, PEERS)
    import sklearn_quantile_baseline as b
    panel, ids, tcol, y, exog, cats, cfg = b.load(name)
    H = cfg["H"]
    lagf = b.add_lags(panel, ids, y, cfg)
    for c in ids:
        panel[c + "_code"] = __import__("pandas").factorize(panel[c])[0]
    idf = [c + "_code" for c in ids]
    feats = idf + exog + lagf
    cat_mask = [f in [c + "_code" for c in cats] or f in cats for f in feats]
    panel["_t"] = panel.groupby(ids).cumcount()
    T_end = panel["_t"].max() - H
    has_y = panel[y].notna()
    train = panel[(panel._t <= T_end) & has_y & panel[f"lag{cfg['lags'][0]}"].notna()]
    if cfg.get("train_mask"):
        train = train[train[cfg["train_mask"]] == 1]
    test = panel[(panel._t > T_end) & has_y]
    if cfg["eval_mask"]:
        test = test[test[cfg["eval_mask"]] == 1]
    ytr = np.log1p(train[y]) if cfg["log"] else train[y]
    yte = np.log1p(test[y]) if cfg["log"] else test[y]
    write(name, feats, cat_mask, train[feats].to_numpy(float), ytr.to_numpy(float), test[feats].to_numpy(float),
          yte.to_numpy(float))


for s in SETS:
    synthetic() if s == "synthetic" else real(s)
