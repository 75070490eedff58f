#!/usr/bin/env bash
# Start-up: `wbill --version` against /bin/true (the cost of starting any process from a shell),
# called alternately, each call timed; prints the median ms per call of each, the ratio of the
# medians and the goal of issue 9 (<= 5 ms and <= 3x /bin/true).
# BENCH_STARTUP_RUNS: calls of each (default 200).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
runs="${BENCH_STARTUP_RUNS:-200}"

version() { "$WBILL" --version; }
baseline() { /bin/true; }
version >/dev/null   # one untimed call: the binary's pages in the cache, as for the baseline
interleave "$runs" version baseline
report_runs "wbill --version" "$A_MEDIAN_US" "$A_MEAN_US" "$runs" call
report_runs "/bin/true (baseline)" "$B_MEDIAN_US" "$B_MEAN_US" "$runs" call
ratio "wbill --version / true" "$A_MEDIAN_US" "$B_MEDIAN_US"
goal "<= 5 ms and <= 3x /bin/true" $((A_MEDIAN_US <= 5000 && A_MEDIAN_US <= 3 * B_MEDIAN_US))
