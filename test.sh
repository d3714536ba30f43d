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
# DuckDB on one thread in every process the tests start (the job, the sites, the Data tests' own queries): two
# assemblies at a time already keep both cores busy, and DuckDB's second thread only adds its own overhead on data this small
# (a fifth of the Data tests' CPU). The thread count changing no row is a test of its own (IncrementalStatsDbTests).
export DUCKDB_THREADS="${DUCKDB_THREADS:-1}"
# Two assemblies at a time, from a queue: Ops (the longest, 4 minutes alone, most of it a provisioned server's playbook
# runs, one Python process) first, beside Data and then Etl, whose tests crowd it least; Web, which starts sites and
# Chromium, last, when it has the machine to itself. Each assembly runs two test classes at a time. All four at once
# kept the cores as busy but cost a third more CPU (1,100 s against 830 s for the four alone, from the processes
# crowding each other): 10 minutes instead of 8.5-9. Their tests assert no timing a busy machine breaks.
# shellcheck disable=SC2317 # run by xargs, through bash -c
run() {
  dotnet test "tests/Kollektivkart.$1.Tests" -c Release --no-build --nologo \
    --blame-hang-timeout 10m \
    --results-directory artifacts/test-results \
    "${@:2}" 2>&1 | tee -a "$log"
}
export -f run
export log
# xargs exits 123 when any assembly failed (pipefail: dotnet test's status, not tee's).
printf '%s\n' Ops Data Etl Web | xargs -P 2 -I '{}' bash -c 'set -o pipefail; run "$@"' run '{}' "$@" || status=$?
# The rolling-restart test's load through Caddy: requests sent, failures, p99.
[ -f artifacts/ops/zero-downtime.txt ] && cat artifacts/ops/zero-downtime.txt
# One closing line over all assemblies.
awk '{ gsub(/,/, "") } /^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
