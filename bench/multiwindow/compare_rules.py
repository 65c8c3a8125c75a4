#!/usr/bin/env python3
"""Replay a run-table.sh record, with the thorough profile it was recorded with, under several combination/calibration
rules and print one line per rule: mean WSPL, cov80 and relative bias over the choice windows 2..5 and over the
final-test windows 0-1 (choose on the first only).
Usage: compare_rules.py MEIO OUT_DIR DATASET ["name=--Section:Key=value --Other=value" ...]"""
import json, os, subprocess, sys, time

# run-table.sh's arguments, with the thorough profile it recorded with: "recorded" replays the stage as it ran, and a
# rule changes only what it names (before, replays took the in-run defaults, e.g. AdjustMedian true).
PROFILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pipelines", "settings")
ARGS = {"oj": ["--step", "4", "--horizon", "8", "--score-mask", "observed", "--segment", "deal",
               "--settings", f"{PROFILES}/forecasting-thorough-week.json"],
        "walmart": ["--step", "4", "--horizon", "8", "--score-mask", "observed", "--segment", "holiday",
                    "--settings", f"{PROFILES}/forecasting-thorough-week.json"],
        "rossmann": ["--step", "28", "--horizon", "28", "--score-mask", "open", "--segment", "promo",
                     "--settings", f"{PROFILES}/forecasting-thorough-day.json"]}


def main():
    meio, out, d = sys.argv[1], sys.argv[2], sys.argv[3]
    variants = [("recorded", [])] + [(v.split("=", 1)[0], v.split("=", 1)[1].split()) for v in sys.argv[4:]]
    print("| rule | WSPL 2-5 | cov80 2-5 | bias% 2-5 | WSPL 0-1 | cov80 0-1 | bias% 0-1 | covered on / off segment 2-5, q0.5 q0.9 q0.95 | replay s |")
    print("|---|--:|--:|--:|--:|--:|--:|--|--:|")
    for name, extra in variants:
        model = next((e.split("=", 1)[1] for e in extra if e.startswith("--model=")), "combine")
        extra = [e for e in extra if not e.startswith("--model=")]
        folder = f"{out}/replay-{d}-{name}"
        t0 = time.time()
        subprocess.run([meio, "backtest", "--input", f"{out}/input-{d}", "--model", model, "--windows", "6", *ARGS[d],
                        "--out", folder, "--replay", f"{out}/record-{d}", *extra], check=True, stdout=subprocess.DEVNULL)
        s = json.load(open(f"{folder}/backtest_windows.json"))[0]
        c, f = s["choice"], s["final_test"]
        upper = [i for i, l in enumerate(s["levels"]) if l in ("q0.5", "q0.9", "q0.95")]
        # A segment without points in any choice window has no coverage ("NaN" in the JSON).
        seg = " / ".join(" ".join(f"{float(c[k][i]['mean']):.3f}" for i in upper) for k in ("coverage_on", "coverage_off") if k in c)
        print(f"| {name} | {c['wspl']['mean']:.4f} | {c['cov80']['mean']:.3f} | {100 * c['rel_bias']['mean']:+.1f} | "
              f"{f['wspl']['mean']:.4f} | {f['cov80']['mean']:.3f} | {100 * f['rel_bias']['mean']:+.1f} | {seg} | {time.time() - t0:.0f} |", flush=True)


if __name__ == "__main__":
    main()
