#!/usr/bin/env bash
# Runs every test of Kollektivkart. Installs what the tests need when it is missing, so it works
# the same on a fresh machine, a developer's and CI.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps

dotnet build Kollektivkart.sln -c Release -warnaserror --nologo -v quiet
# Each assembly reports "Passed!/Failed!" with its counts; the exit code is non-zero on any failure.
dotnet test Kollektivkart.sln -c Release --no-build --nologo \
  --blame-hang-timeout 10m \
  --results-directory artifacts/test-results \
  "$@"
