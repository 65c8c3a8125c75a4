#!/usr/bin/env bash
# Proves the checks can fail: each case breaks a copy of infra/ and pipelines/ in one known way and expects
# check-infra.sh to fail with the named problem. Run by CI after check-infra.sh.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
failures=0
expect_failure() { # name, expected message, sed script, file
  local tmp; tmp=$(mktemp -d)
  cp -r "$repo/infra" "$repo/pipelines" "$tmp/"
  sed -i "$3" "$tmp/$4"
  if out=$(bash "$here/check-infra.sh" "$tmp" 2>&1); then
    echo "selftest FAILED: '$1' passed the checks"; failures=$((failures + 1))
  elif ! grep -qF -- "$2" <<<"$out"; then
    echo "selftest FAILED: '$1' failed without '$2':"; echo "$out"; failures=$((failures + 1))
  else
    echo "selftest ok: $1"
  fi
  rm -rf "$tmp"
}
expect_failure "shard count differs from completions" "expected '\$(JOB_COMPLETION_INDEX)/4'" 's|\$(JOB_COMPLETION_INDEX)/4|$(JOB_COMPLETION_INDEX)/3|' infra/k8s/shards-job.yaml
expect_failure "not an Indexed Job" "needs completionMode: Indexed" 's|completionMode: Indexed|completionMode: NonIndexed|' infra/k8s/shards-job.yaml
expect_failure "misspelt pod field" "Additional properties are not allowed" 's|^      restartPolicy: Never|&\n      restartPolicyy: Never|' infra/k8s/shards-job.yaml
expect_failure "literal secret" "has a literal value" '0,/^          env:/s||          env:\n            - name: STORAGE_ACCOUNT_KEY\n              value: "abc"|' infra/k8s/shards-job.yaml
expect_failure "no memory limit" "'limits' is a required property" '/limits:/,+1d' infra/k8s/shards-job.yaml
expect_failure "latest image" "should not be valid under" 's|meio-worker:0.1.0|meio-worker:latest|' infra/k8s/cronjob.yaml
expect_failure "versioning off" "isVersioningEnabled: true" 's|isVersioningEnabled: true|isVersioningEnabled: false|' infra/azure/main.bicep
expect_failure "public container" "publicAccess: 'None'" "s|publicAccess: 'None'|publicAccess: 'Blob'|" infra/azure/main.bicep
expect_failure "shard jobs without --finalize" "'--finalize'" "/'--finalize'/d" infra/azure/main.bicep
expect_failure "undocumented parameter" "has no @description" '/Cron schedule of the planning run/d' infra/azure/main.bicep
expect_failure "Dockerfile runs as root" "non-root USER" 's|^USER 1654|USER root|' infra/Dockerfile
expect_failure "Dockerfile command not in README" "does not appear in infra/README.md" 's|-c Release -o /app|-c Debug -o /app|' infra/Dockerfile
expect_failure "YAML syntax" "syntax error" 's|^  timeZone: Etc/UTC|  timeZone:Etc/UTC\n   bad: [|' infra/k8s/cronjob.yaml

# The retraining gate (pipelines/scripts/wspl_gate.py) on `meio models compare CANDIDATE approved --json` output:
# lower WSPL is better; equal promotes; no approved model promotes; a NaN candidate (written "NaN") never does.
gate() { # expected exit, candidate wspl, approved wspl ("" = no approved model)
  local tmp; tmp=$(mktemp -d)
  local entries="{\"model_id\": \"cand\", \"status\": \"candidate\", \"metrics\": {\"wspl\": $2, \"cov80\": 0.8}}"
  if [ -n "$3" ]; then entries="$entries, {\"model_id\": \"cur\", \"status\": \"approved\", \"metrics\": {\"wspl\": $3, \"cov80\": 0.8}}"; fi
  echo "[$entries]" > "$tmp/compare.json"
  python3 "$repo/pipelines/scripts/wspl_gate.py" --compare "$tmp/compare.json" >/dev/null
  local got=$?
  if [ "$got" -eq "$1" ]; then echo "selftest ok: gate candidate=$2 approved=${3:-none} -> $got"; else echo "selftest FAILED: gate candidate=$2 approved=${3:-none} -> $got, expected $1"; failures=$((failures + 1)); fi
  rm -rf "$tmp"
}
gate 1 0.52 0.50
gate 0 0.48 0.50
gate 0 0.50 0.50
gate 0 0.60 ""
gate 1 NaN 0.50
gate 1 '"NaN"' 0.50
gate 0 0.48 '"NaN"'
exit $(( failures > 0 ))
