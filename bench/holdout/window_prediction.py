#!/usr/bin/env python3
"""How often a policy whose demand model is right would meet issue 28's "predicted within 1.5 pp of achieved at every
origin", from `meio holdout --origins K --band-replications R` band files (FILE-band.csv). Achieved ~ normal with the
band's mean and s.d. (docs/holdout.md, "the window's own prediction"): per origin P(|achieved - x| <= 1.5 pp) for x =
the band mean (the window's own prediction) and x = the check's long-run prediction, and the product over origins.
Usage: window_prediction.py h-band.csv [more-band.csv ...]"""
import csv
import sys
from math import erf, sqrt


def phi(x):
    return 0.5 * (1 + erf(x / sqrt(2)))


def within(offset, sd, bound=0.015):
    return phi((bound - offset) / sd) - phi((-bound - offset) / sd)


def main():
    for path in sys.argv[1:]:
        rows = [r for r in csv.DictReader(open(path))]
        print(path)
        print("| origin | draws | band s.d. pp | band mean - long-run pp | achieved - band mean pp | P within 1.5 pp of the window | of the long run |")
        print("|---|---|--:|--:|--:|--:|--:|")
        totals = {}
        for r in rows:
            mean, sd = float(r["band_mean"]), float(r["band_sd"])
            predicted, achieved = float(r["predicted_service"]), float(r["achieved_service"])
            w, l = within(0.0, sd), within(mean - predicted, sd)
            t = totals.setdefault(r["draws"], [1.0, 1.0])
            t[0] *= w
            t[1] *= l
            print(f"| {r['origin']} | {r['draws']} | {100 * sd:.2f} | {100 * (mean - predicted):+.2f} | {100 * (achieved - mean):+.2f} | {w:.3f} | {l:.3f} |")
        for draws, (w, l) in totals.items():
            print(f"all origins within 1.5 pp ({draws}): of the window's prediction {w:.2f}, of the long-run prediction {l:.2f}")


if __name__ == "__main__":
    main()
