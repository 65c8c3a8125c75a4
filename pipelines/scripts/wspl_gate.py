#!/usr/bin/env python3
"""Backtest gate of the retraining pipeline: promote the candidate only if its WSPL (weighted scaled pinball loss,
`wspl` in backtest_summary.json written by `meio backtest`) is not worse than the current model's.
Usage: wspl_gate.py --candidate SUMMARY.json --candidate-model NAME [--current SUMMARY.json] [--current-model NAME]
The current model's WSPL is read from its own promoted summary (--current; the entry --current-model, default the
candidate's name). Exit 0: promote (also when there is no current summary yet); 1: keep the current model;
2: unreadable input. Lower WSPL is better; a non-finite WSPL is never promoted."""
import argparse
import json
import math
import os
import sys


def wspl(path, model):
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        if entry.get("model") == model:
            value = entry.get("wspl")
            return float(value) if value is not None else math.nan
    raise KeyError(f"{path} has no model '{model}' (models: {', '.join(e.get('model', '?') for e in entries)})")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--candidate-model", required=True)
    parser.add_argument("--current")
    parser.add_argument("--current-model")
    args = parser.parse_args(argv)
    try:
        candidate = wspl(args.candidate, args.candidate_model)
        if not args.current or not os.path.exists(args.current):
            print(f"gate: no current model; promoting {args.candidate_model} (WSPL {candidate:.4f})")
            return 0 if math.isfinite(candidate) else 1
        current = wspl(args.current, args.current_model or args.candidate_model)
    except (OSError, ValueError, KeyError) as ex:
        print(f"gate: cannot read the backtest summaries: {ex}", file=sys.stderr)
        return 2
    if math.isfinite(candidate) and (not math.isfinite(current) or candidate <= current):
        print(f"gate: promote {args.candidate_model}: WSPL {candidate:.4f} <= current {current:.4f}")
        return 0
    print(f"gate: keep the current model: candidate WSPL {candidate:.4f} is worse than current {current:.4f}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
