#!/usr/bin/env bash
# One sharded planning run on Kubernetes, by hand: the Indexed Job of shards, then the finalize Job.
# Usage: bash infra/k8s/run-sharded.sh [RUN]   (RUN: lower-case letters, digits, '-'; default: UTC time)
set -euo pipefail
cd "$(dirname "$0")"
run=${1:-$(date -u +%Y%m%dt%H%M%Sz)}
sed "s/__RUN__/$run/g" shards-job.yaml | kubectl create -f -
kubectl wait --for=condition=complete "job/meio-shards-$run" --timeout=2h
sed "s/__RUN__/$run/g" finalize-job.yaml | kubectl create -f -
kubectl wait --for=condition=complete "job/meio-finalize-$run" --timeout=30m
echo "run meio-shards-$run published"
