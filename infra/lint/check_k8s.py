#!/usr/bin/env python3
"""Structural check of infra/k8s: every object against k8s-schema.json (jsonschema), then the cross-field rules the
schema cannot express. Usage: python3 infra/lint/check_k8s.py [REPO_ROOT]. Exit 1 with one line per problem."""
import json
import pathlib
import re
import sys

import jsonschema
import yaml

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
schema = json.loads((root / "infra/lint/k8s-schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
problems = []
objects = {}
SECRETISH = re.compile(r"(KEY|SECRET|PASSWORD|TOKEN|CONNECTION_STRING|SAS)", re.I)

for path in sorted((root / "infra/k8s").glob("*.yaml")):
    # run-sharded.sh substitutes __RUN__ (the run name) before `kubectl create`; check the substituted text.
    text = path.read_text().replace("__RUN__", "20261122t020000z")
    try:
        docs = list(yaml.safe_load_all(text))
    except yaml.YAMLError as ex:
        problems.append(f"{path.relative_to(root)}: not valid YAML ({str(ex).splitlines()[0]})")
        continue
    for doc in docs:
        if doc is None:
            continue
        where = f"{path.relative_to(root)} ({doc.get('kind')} {doc.get('metadata', {}).get('name')})"
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            problems.append(f"{where}: {'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message[:300]}")
        if doc.get("kind") == "Secret":
            problems.append(f"{where}: a Secret is committed; create it with kubectl (infra/README.md), never in the repository")
        objects.setdefault(doc.get("kind"), []).append((where, doc))


def job_spec(kind, doc):
    return doc["spec"]["jobTemplate"]["spec"] if kind == "CronJob" else doc["spec"]


def containers(spec):
    return spec["template"]["spec"]["containers"]


def arg_after(args, flag):
    return args[args.index(flag) + 1] if flag in args and args.index(flag) + 1 < len(args) else None


config = {}
for _, doc in objects.get("ConfigMap", []):
    config.update(doc.get("data", {}))

shard_counts = set()
for kind in ("Job", "CronJob"):
    for where, doc in objects.get(kind, []):
        try:
            spec = job_spec(kind, doc)
            for c in containers(spec):
                args = c.get("args", [])
                for env in c.get("env", []):
                    if "value" in env and SECRETISH.search(env["name"]):
                        problems.append(f"{where}: env {env['name']} has a literal value; take it from a Secret (secretKeyRef) or workload identity")
                    ref = env.get("valueFrom", {}).get("configMapKeyRef")
                    if ref and ref["key"] not in config:
                        problems.append(f"{where}: env {env['name']} reads ConfigMap key {ref['key']}, which no ConfigMap in infra/k8s defines")
                if args[:1] == ["run"] and "--shard" in args:
                    shard = arg_after(args, "--shard")
                    if spec.get("completionMode") != "Indexed":
                        problems.append(f"{where}: a sharded run needs completionMode: Indexed")
                    n = spec.get("completions")
                    if shard != f"$(JOB_COMPLETION_INDEX)/{n}":
                        problems.append(f"{where}: --shard is '{shard}', expected '$(JOB_COMPLETION_INDEX)/{n}' (N = completions)")
                    if spec.get("parallelism", 1) > n:
                        problems.append(f"{where}: parallelism exceeds completions")
                    if "--run-id" not in args and "--slot" not in args:
                        problems.append(f"{where}: shards need a shared run id (--run-id or --slot)")
                    shard_counts.add(n)
                    if kind == "CronJob":
                        if "--finalize" not in args:
                            problems.append(f"{where}: the scheduled shards must run with --finalize (no follow-up Job in a CronJob)")
                        if arg_after(args, "--slot") == "$(SCHEDULE)" and config.get("SCHEDULE") != doc["spec"]["schedule"]:
                            problems.append(f"{where}: --slot comes from ConfigMap SCHEDULE '{config.get('SCHEDULE')}' but the CronJob schedule is '{doc['spec']['schedule']}'")
                if args[:1] == ["finalize"]:
                    shard_counts.add(int(arg_after(args, "--shards")))
                if args[:1] not in (["run"], ["finalize"]):
                    problems.append(f"{where}: container {c['name']} runs '{args[:1]}', expected a meio verb (run, finalize)")
        except (KeyError, TypeError, ValueError) as ex:
            problems.append(f"{where}: cannot read the job spec ({ex!r}); see the schema errors above")

if len(shard_counts) > 1:
    problems.append(f"the shard count differs between the Jobs/CronJob and finalize: {sorted(shard_counts)}")
for kind in ("Job", "CronJob", "ConfigMap", "ServiceAccount", "PersistentVolumeClaim"):
    if kind not in objects:
        problems.append(f"infra/k8s has no {kind}")

for p in problems:
    print("k8s:", p)
print(f"k8s: {sum(len(v) for v in objects.values())} objects checked, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
