#!/usr/bin/env bash
# The audit record: `wbill audit list --limit 10` (the newest ten entries, as a table) on the database
# left by registering BENCH_CUSTOMERS customers with `customer open --file` (shared with
# bench-customer-open-file, see lib.sh), against the same command on a tiny database (just `init`).
# Both are called alternately, each call timed; prints the median of each, the ratio of the medians
# (near 1 when the cost follows the rows asked for, as issue 9 wants) and the bytes each printed.
# BENCH_CUSTOMERS: customers registered (default 50,000). BENCH_AUDIT_RUNS: calls of each (default 7).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
customers="${BENCH_CUSTOMERS:-50000}"
runs="${BENCH_AUDIT_RUNS:-7}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
export BENCH_CACHE="${BENCH_CACHE:-$dir/cache}"

big="$(registered_database "$customers")"
WBILL_DB="$dir/tiny.db" "$WBILL" -q init >/dev/null
export WBILL_OPERATOR=bench
entries() { sqlite3 "$1" "SELECT count(*) FROM audit_log"; }
echo "  audit entries: $(entries "$big") after registering $customers customers; $(entries "$dir/tiny.db") after init"

on_big() { "$WBILL" --db "$big" audit list --limit 10; }
on_tiny() { "$WBILL" --db "$dir/tiny.db" audit list --limit 10; }
on_big >"$dir/big.out"
on_tiny >"$dir/tiny.out"
interleave "$runs" on_big on_tiny
report_runs "wbill audit list --limit 10 ($customers)" "$A_MEDIAN_US" "$A_MEAN_US" "$runs" call
printf '  %-40s %8d bytes printed\n' "  (its output)" "$(stat -c %s "$dir/big.out")"
report_runs "same on a tiny database (baseline)" "$B_MEDIAN_US" "$B_MEAN_US" "$runs" call
printf '  %-40s %8d bytes printed\n' "  (its output)" "$(stat -c %s "$dir/tiny.out")"
ratio "after $customers customers / tiny" "$A_MEDIAN_US" "$B_MEDIAN_US"
goal "flat (<= 1.5x the tiny database)" $((A_MEDIAN_US * 10 <= B_MEDIAN_US * 15))
