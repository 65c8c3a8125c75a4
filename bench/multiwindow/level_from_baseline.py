#!/usr/bin/env python3
"""The level taken from outside the trees (docs/forecasting.md, "Orange juice's deal weeks"): the GBDT's recorded
forecasts multiplied, per window, by c^a where c = the seasonal baseline's median over the GBDT's median summed over
the window's non-promotion periods (over all series, or per sku); mean pinball over the levels (units per point) on
the choice windows 2-5 and the final-test windows 0-1, and the median's bias on the non-promotion periods per window.
Inputs: two `meio backtest --windows 6 --outcomes` folders (--model gbdt and --model baseline, the same windows) and
the input folder whose signals.csv holds the promotion signal.
Usage: level_from_baseline.py GBDT_DIR BASELINE_DIR INPUT_DIR [SIGNAL=deal]"""
import sys
import numpy as np
import pandas as pd


def pinball(df, levels):
    y = df.actual.to_numpy()
    return sum(np.where(y >= df[c], p * (y - df[c]), (1 - p) * (df[c] - y)).sum() for c, p in levels)


def main():
    gbdt, base, inp = sys.argv[1:4]
    signal = sys.argv[4] if len(sys.argv) > 4 else "deal"
    g = pd.read_csv(f"{gbdt}/backtest_outcomes.csv")
    b = pd.read_csv(f"{base}/backtest_outcomes.csv")
    cols = [c for c in g.columns if c.startswith("q")]
    levels = [(c, float(c[1:])) for c in cols]
    s = pd.read_csv(f"{inp}/signals.csv")
    event = s[s.signal == signal][["sku", "location", "date", "value"]].rename(columns={"value": "event"})
    keys = ["sku", "location", "origin", "date"]
    m = g.merge(b[keys + cols], on=keys, suffixes=("", "_b")).merge(event, on=["sku", "location", "date"], how="left")
    m["event"] = m.event.fillna(0) > 0
    m = m[m.actual.notna()].copy()
    windows = m.origin.max()
    m["window"] = windows - m.origin  # window 0 = the latest
    median = "q0.5"
    print("| c taken over | a | pinball 2-5 | pinball 0-1 | non-promotion bias per window 0..5 |")
    print("|---|--:|--:|--:|--|")
    for over in ("all series", "each sku"):
        for a in (0.0, 0.5, 1.0):
            rows = []
            for w, df in m.groupby("window"):
                off = df[~df.event]
                if over == "each sku":
                    c = (off.groupby("sku")[median + "_b"].sum() / off.groupby("sku")[median].sum()).rename("c")
                    d = df.join(c, on="sku")
                else:
                    d = df.copy()
                    d["c"] = off[median + "_b"].sum() / off[median].sum()
                factor = d.c.fillna(1.0).clip(0.5, 2.0) ** a
                d[cols] = d[cols].mul(factor, axis=0)
                o = d[~d.event]
                rows.append((w, pinball(d, levels) / len(d) / len(levels), 100 * (o[median].sum() - o.actual.sum()) / o.actual.sum()))
            r = pd.DataFrame(rows, columns=["w", "pb", "bias"]).set_index("w")
            print(f"| {over} | {a:g} | {r.loc[2:5].pb.mean():.1f} | {r.loc[0:1].pb.mean():.1f} | "
                  + " / ".join(f"{v:+.0f}" for v in r.bias) + " % |")


if __name__ == "__main__":
    main()
