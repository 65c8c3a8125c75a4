#!/usr/bin/env bash
# The test command of README.md: installs what the tests need on a fresh machine (.NET SDK, Node/npm and apt present),
# then runs every test project of the solution and the report's browser test (tests/browser), and prints a closing
# "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm ci into DIR unless DIR/node_modules already holds exactly its package-lock.json (a copy is kept beside the
# packages after a successful install): a developer running the tests before every commit does not reinstall each time.
npm_ci() {
  if cmp -s "$1/package-lock.json" "$1/node_modules/.meio-package-lock.json"; then return 0; fi
  npm ci --prefix "$1" --no-audit --no-fund --loglevel=error
  cp "$1/package-lock.json" "$1/node_modules/.meio-package-lock.json"
}

# Azurite, the real blob server of the storage tests (pinned in tests/azurite/package-lock.json).
npm_ci tests/azurite

# The report's browser test: Debian's chromium driven headless by playwright-core (pinned in tests/browser/package-lock.json).
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
fi
npm_ci tests/browser

dotnet restore MeioForecast.sln --nologo -v q
dotnet build MeioForecast.sln -c Release --no-restore --nologo -v q

log=$(mktemp)
status=0
dotnet test MeioForecast.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?
# The browser test of the run report (plans the sample run, opens its report.html offline in chromium); it prints
# "Failed: N, Passed: N, Skipped: 0" like dotnet test, so its checks count in the closing line, and fails the run.
node tests/browser/report.test.js 2>&1 | tee -a "$log" || status=$?
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
