#!/usr/bin/env bash
# The infrastructure checks CI runs (infra/README.md, "Checks"): yamllint, the Kubernetes schema check, the Bicep
# structural check and the Dockerfile check, on the repository given (default: this one). Needs yamllint,
# python3-yaml and python3-jsonschema (Debian/Ubuntu: apt-get install -y yamllint python3-yaml python3-jsonschema).
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
status=0
for tool in yamllint python3; do
  command -v "$tool" >/dev/null || { echo "check-infra: $tool is not installed (apt-get install -y yamllint python3-yaml python3-jsonschema)" >&2; exit 1; }
done
python3 -c "import yaml, jsonschema" 2>/dev/null || { echo "check-infra: python3-yaml and python3-jsonschema are needed" >&2; exit 1; }
yamllint -c "$repo/infra/lint/yamllint.yaml" "$repo/infra" "$repo/pipelines" && echo "yamllint: ok" || status=1
python3 "$repo/infra/lint/check_k8s.py" "$repo" || status=1
python3 "$repo/infra/lint/check_bicep.py" "$repo" || status=1
python3 "$repo/infra/lint/check_dockerfile.py" "$repo" || status=1
exit "$status"
