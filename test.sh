#!/usr/bin/env bash
# Runs every test of Kollektivkart. Installs what the tests need when it is missing, so it works
# the same on a fresh machine, a developer's and CI.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps

dotnet build Kollektivkart.sln -c Release -warnaserror --nologo -v quiet
# Each assembly reports "Passed!/Failed!" with its counts; the exit code is non-zero on any failure.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
rm -f artifacts/ops/zero-downtime.txt
# DuckDB on one thread in every process the tests start (the job, the sites, the Data tests' own queries): the four
# assemblies already keep both cores busy, and DuckDB's second thread only adds its own overhead on data this small
# (a fifth of the Data tests' CPU). The thread count changing no row is a test of its own (IncrementalStatsDbTests).
export DUCKDB_THREADS="${DUCKDB_THREADS:-1}"
# All four assemblies at once, Ops (the longest: most of it a provisioned server's playbook runs) listed
# first in the solution: the wall time is about the longest assembly's, not the sum, and no core idles
# while one assembly waits on a process or the network. Their tests assert no timing a busy machine breaks.
dotnet test Kollektivkart.sln -c Release --no-build --nologo -m:4 \
  --blame-hang-timeout 10m \
  --results-directory artifacts/test-results \
  "$@" 2>&1 | tee "$log" || status=$?
# The rolling-restart test's load through Caddy: requests sent, failures, p99.
[ -f artifacts/ops/zero-downtime.txt ] && cat artifacts/ops/zero-downtime.txt
# One closing line over all assemblies.
awk '{ gsub(/,/, "") } /^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
