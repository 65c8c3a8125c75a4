#!/usr/bin/env python3
"""Checks infra/Dockerfile: multi-stage, a chiselled or slim runtime image, a non-root USER in the final stage, and
every RUN / ENTRYPOINT command written verbatim in infra/README.md (so the README's commands are the image's)."""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
lines = [l.strip() for l in (root / "infra/Dockerfile").read_text().splitlines() if l.strip() and not l.strip().startswith("#")]
readme = (root / "infra/README.md").read_text()
problems = []
froms = [l for l in lines if l.upper().startswith("FROM ")]
if len(froms) < 2:
    problems.append("not multi-stage (fewer than two FROM)")
if froms and not re.search(r"(chiseled|slim)", froms[-1]):
    problems.append(f"final image '{froms[-1]}' is neither chiselled nor slim")
final = lines[lines.index(froms[-1]):] if froms else lines
users = [l.split(None, 1)[1] for l in final if l.upper().startswith("USER ")]
if not users or users[-1] in ("0", "root") or users[-1].startswith("0:"):
    problems.append("the final stage does not switch to a non-root USER")
for l in lines:
    keyword, _, rest = l.partition(" ")
    if keyword.upper() == "RUN":
        command = rest
    elif keyword.upper() == "ENTRYPOINT":
        command = " ".join(json.loads(rest)) if rest.startswith("[") else rest
    else:
        continue
    if command not in readme:
        problems.append(f"'{command}' ({keyword}) does not appear in infra/README.md")
for p in problems:
    print("dockerfile:", p)
print(f"dockerfile: {len(lines)} instructions checked, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
