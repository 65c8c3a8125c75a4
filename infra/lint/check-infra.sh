#!/usr/bin/env bash
# The infrastructure checks CI runs (infra/README.md, "Checks"): yamllint, the Kubernetes schema check, the Bicep
# structural check and the Dockerfile check, on the repository given (default: this one). Installs yamllint,
# python3-yaml and python3-jsonschema with apt-get when they are missing.
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
status=0
# A fresh machine has apt but not these tools: install them when missing (needs root or sudo).
if ! command -v yamllint >/dev/null || ! python3 -c "import yaml, jsonschema" 2>/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null && $sudo_cmd apt-get install -y -qq yamllint python3-yaml python3-jsonschema >/dev/null \
    || { echo "check-infra: could not install yamllint python3-yaml python3-jsonschema with apt-get" >&2; exit 1; }
fi
yamllint -c "$repo/infra/lint/yamllint.yaml" "$repo/infra" "$repo/pipelines" && echo "yamllint: ok" || status=1
python3 "$repo/infra/lint/check_k8s.py" "$repo" || status=1
python3 "$repo/infra/lint/check_bicep.py" "$repo" || status=1
python3 "$repo/infra/lint/check_dockerfile.py" "$repo" || status=1
exit "$status"
