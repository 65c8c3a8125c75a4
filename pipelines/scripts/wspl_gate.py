#!/usr/bin/env python3
"""Backtest gate of the retraining pipeline: promote (approve) the candidate model only if its WSPL (weighted scaled
pinball loss, lower is better) is not worse than the current approved model's.
Usage: wspl_gate.py --compare COMPARE.json
COMPARE.json is the output of `meio models compare CANDIDATE approved --models M --json`: a JSON array whose first entry
is the candidate and whose second entry, when present, is the newest approved model (absent: no approved model yet).
Each entry has "model_id" and "metrics": {"wspl": ..., "cov80": ...} as stored in the registry (models/<id>/model.json).
Exit 0: promote (also when there is no approved model yet); 1: keep the current model; 2: unreadable input.
A non-finite candidate WSPL is never promoted."""
import argparse
import json
import math
import sys


def wspl(entry):
    value = entry["metrics"]["wspl"]
    return float(value) if value is not None else math.nan


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--compare", required=True)
    args = parser.parse_args(argv)
    try:
        with open(args.compare, encoding="utf-8") as f:
            entries = json.load(f)
        if not isinstance(entries, list) or not 1 <= len(entries) <= 2:
            raise ValueError("expected a JSON array with the candidate and, optionally, the approved model")
        candidate_id, candidate = entries[0]["model_id"], wspl(entries[0])
        current_id, current = (entries[1]["model_id"], wspl(entries[1])) if len(entries) == 2 else (None, math.nan)
    except (OSError, ValueError, KeyError, TypeError) as ex:
        print(f"gate: cannot read the comparison: {ex}", file=sys.stderr)
        return 2
    if not math.isfinite(candidate):
        print(f"gate: keep the current model: candidate {candidate_id} has no finite WSPL")
        return 1
    if current_id is None:
        print(f"gate: no approved model yet; promote {candidate_id} (WSPL {candidate:.4f})")
        return 0
    if not math.isfinite(current) or candidate <= current:
        print(f"gate: promote {candidate_id}: WSPL {candidate:.4f} <= approved {current_id} {current:.4f}")
        return 0
    print(f"gate: keep {current_id}: candidate {candidate_id} WSPL {candidate:.4f} is worse than {current:.4f}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
