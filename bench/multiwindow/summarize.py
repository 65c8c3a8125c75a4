#!/usr/bin/env python3
"""Summarize a run-table.sh folder: per data set, the stage and scikit-learn HGB on each window, the means over all
six windows, over the choice windows 2..5 and over the final-test windows 0 and 1 (shared multi-window protocol).
Usage: summarize.py OUT_DIR oj [rossmann walmart]"""
import csv, json, os, sys

STEP = {"oj": 4, "walmart": 4, "rossmann": 28}
LEVELS = ["0.05", "0.1", "0.5", "0.9", "0.95"]


SEGMENTS = {}


def segment(shared, d):
    """(ids..., period) -> segment flag of the stage's --segment signal: oj deal, rossmann Promo, walmart IsHoliday."""
    if d in SEGMENTS:
        return SEGMENTS[d]
    import gzip
    flags = {}
    if shared and d == "oj":
        with gzip.open(f"{shared}/data/dominicks-oj/oj_weekly.csv.gz", "rt") as fh:
            for r in csv.DictReader(fh):
                flags[(r["store"], r["brand"], r["week"])] = float(r["deal"]) != 0
    elif shared and d == "rossmann":
        with gzip.open(f"{shared}/data/rossmann100/train.csv.gz", "rt") as fh:
            for r in csv.DictReader(fh):
                flags[(r["Store"], r["Date"])] = r["Promo"] == "1"
    elif shared and d == "walmart":
        with gzip.open(f"{shared}/data/walmart/train.csv.gz", "rt") as fh:
            for r in csv.DictReader(fh):
                flags[(r["Store"], r["Date"])] = r["IsHoliday"] == "TRUE"
    SEGMENTS[d] = flags
    return flags


def key(d, row):
    if d == "oj":
        return (row["store"], row["brand"], str(int(float(row["week"]))))
    if d == "rossmann":
        return (row["Store"], row["Date"])
    return (row["Store"], row["Date"])


def peer(out, d, n, shared=None):
    path = f"{out}/peer-{d}-{n}/results_{d}.json"
    if not os.path.exists(path):
        return None
    r = json.load(open(path))["results"][0]
    bias = None
    preds = f"{out}/peer-{d}-{n}/preds_{d}.csv"
    if os.path.exists(preds):
        with open(preds) as fh:
            rows = csv.DictReader(fh)
            ycol = None
            sums = {None: [0.0, 0.0], True: [0.0, 0.0], False: [0.0, 0.0]}
            flags = segment(shared, d)
            for row in rows:
                ycol = ycol or next(c for c in row if c in ("Weekly_Sales", "Sales", "units"))
                y = float(row[ycol]); e = float(row["hgb_q0.5"]) - y
                for g in (None, flags.get(key(d, row), False)) if flags else (None,):
                    sums[g][0] += e; sums[g][1] += y
            bias = {g: (v[0] / v[1] if v[1] else None) for g, v in sums.items()}
    return {"wspl": r["WSPL"], "cov80": r["cov80"], "width80": r["width80"], "pinball": [r[f"pinball_{q}"] for q in LEVELS], "rel_bias": bias and bias[None], "rel_bias_on": bias and bias[True], "rel_bias_off": bias and bias[False]}


def num(x):
    """A score from the stage's JSON, where a window without segment periods has "NaN" (a string) for its bias."""
    return float(x) if isinstance(x, str) else x


def mean(v):
    v = [num(x) for x in v if x is not None and num(x) == num(x)]
    return sum(v) / len(v) if v else float("nan")


def pct(x):
    x = num(x)
    return "" if x is None or x != x else f"{100 * x:+.1f}"


def f(x, d=4):
    return "" if x is None else f"{x:.{d}f}"


def main():
    out, sets = sys.argv[1], [a for a in sys.argv[2:] if not a.startswith("--shared=")]
    shared = next((a.split("=", 1)[1] for a in sys.argv[2:] if a.startswith("--shared=")), None)
    for d in sets:
        path = f"{out}/stage-{d}/backtest_windows.json"
        if not os.path.exists(path):
            print(f"{d}: no stage results\n")
            continue
        stage = {w["window"]: w for w in json.load(open(path))[0]["windows"]}
        rows = []
        for k in sorted(stage):
            w, p = stage[k], peer(out, d, k * STEP[d], shared)
            rows.append((k, w, p))
        print(f"### {d}: stage (combine, LightGBM) vs scikit-learn HGB, 6 windows\n")
        print("| window | first date | WSPL stage | WSPL HGB | ratio | cov80 stage | cov80 HGB | pb0.05 s / HGB | pb0.1 s / HGB | pb0.5 s / HGB | bias% stage | bias% HGB | bias% on / off segment, stage | HGB |")
        print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for k, w, p in rows:
            pr = (lambda j: f"{w['pinball'][j]:.1f} / {p['pinball'][j]:.1f}") if p else (lambda j: f"{w['pinball'][j]:.1f} / ")
            print(f"| {k} | {w['first_date']} | {w['wspl']:.4f} | {f(p and p['wspl'])} | {f(p and w['wspl'] / p['wspl'], 3)} | {w['cov80']:.3f} | {f(p and p['cov80'], 3)} | {pr(0)} | {pr(1)} | {pr(2)} | "
                  f"{pct(w['rel_bias'])} | {pct(p and p['rel_bias'])} | "
                  f"{pct(w.get('rel_bias_on'))} / {pct(w.get('rel_bias_off'))} | {pct(p and p.get('rel_bias_on'))} / {pct(p and p.get('rel_bias_off'))} |")
        for label, ks in (("mean 0-5", range(6)), ("mean 2-5 (choice)", range(2, 6)), ("mean 0-1 (final test)", range(2))):
            sel = [(w, p) for k, w, p in rows if k in ks]
            ws, wp = mean([w["wspl"] for w, _ in sel]), mean([p and p["wspl"] for _, p in sel])
            pb = lambda j: f"{mean([w['pinball'][j] for w, _ in sel]):.1f} / {mean([p and p['pinball'][j] for _, p in sel]):.1f}"
            print(f"| **{label}** | | **{ws:.4f}** | {wp:.4f} | {ws / wp:.3f} | {mean([w['cov80'] for w, _ in sel]):.3f} | {mean([p and p['cov80'] for _, p in sel]):.3f} | {pb(0)} | {pb(1)} | {pb(2)} | "
                  f"{100 * mean([w['rel_bias'] for w, _ in sel]):+.1f} | {100 * mean([p and p['rel_bias'] for _, p in sel]):+.1f} | "
                  f"{pct(mean([w.get('rel_bias_on') for w, _ in sel]))} / {pct(mean([w.get('rel_bias_off') for w, _ in sel]))} | "
                  f"{pct(mean([p and p.get('rel_bias_on') for _, p in sel]))} / {pct(mean([p and p.get('rel_bias_off') for _, p in sel]))} |")
        print()
    t = f"{out}/timings.tsv"
    if os.path.exists(t):
        rows = list(csv.reader(open(t), delimiter="\t"))[1:]
        cpu = f", CPU {sum(float(r[2]) + float(r[3]) for r in rows) / 60:.1f} min" if rows and len(rows[0]) >= 4 else ""
        # The peer runs beside the stage, so the steps' wall times overlap; wall.tsv holds each data set's elapsed time.
        w = f"{out}/wall.tsv"
        walls = list(csv.reader(open(w), delimiter="\t"))[1:] if os.path.exists(w) else []
        total = sum(float(r[1]) for r in walls) if walls else sum(float(r[1]) for r in rows)
        print(f"Wall time: {total / 60:.1f} min{cpu} in {len(rows)} steps ({out}/timings.tsv, {out}/wall.tsv).")


if __name__ == "__main__":
    main()
