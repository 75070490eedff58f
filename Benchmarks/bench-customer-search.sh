#!/usr/bin/env bash
# Search: `wbill customer list --search` for an exact meter serial and for an exact account number on the
# database left by registering BENCH_CUSTOMERS customers with `customer open --file` (shared with
# bench-customer-open-file, see lib.sh), against the same searches on a database of 5 customers made the
# same way. Each pair is called alternately, each call timed; prints the median of each and the ratio of
# the medians (near 1 for an index search, as issue 9 wants: cost follows the rows found).
# BENCH_CUSTOMERS: customers of the big database (default 50,000). BENCH_SEARCH_RUNS: calls of each (default 21).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
customers="${BENCH_CUSTOMERS:-50000}"
runs="${BENCH_SEARCH_RUNS:-21}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
export BENCH_CACHE="${BENCH_CACHE:-$dir/cache}"
tiny_customers=5

big="$(registered_database "$customers")"
tiny="$(registered_database "$tiny_customers")"
export WBILL_OPERATOR=bench

# The customer in the middle of each database: its meter and its account.
for what in serial account; do
    for size in big tiny; do
        if [ "$size" = big ]; then n=$(((customers + 1) / 2)); else n=$(((tiny_customers + 1) / 2)); fi
        case "$what" in serial) key=$(printf 'WM-%08d' "$n") ;; account) key=$(printf 'AC%08d' "$n") ;; esac
        printf -v "${what}_$size" '%s' "$key"
    done
done

# Each search must find exactly the one account holding its key (checked untimed, once).
for key in "$big $serial_big" "$tiny $serial_tiny" "$big $account_big" "$tiny $account_tiny"; do
    read -r db value <<<"$key"
    found=$("$WBILL" --db "$db" --format tsv customer list --search "$value" | tail -n +2 | wc -l)
    [ "$found" -eq 1 ] || { echo "  customer list --search $value found $found accounts, expected 1" >&2; exit 1; }
done
serial_on_big() { "$WBILL" --db "$big" customer list --search "$serial_big"; }
serial_on_tiny() { "$WBILL" --db "$tiny" customer list --search "$serial_tiny"; }
account_on_big() { "$WBILL" --db "$big" customer list --search "$account_big"; }
account_on_tiny() { "$WBILL" --db "$tiny" customer list --search "$account_tiny"; }

interleave "$runs" serial_on_big serial_on_tiny
report_runs "--search $serial_big ($customers)" "$A_MEDIAN_US" "$A_MEAN_US" "$runs" call
report_runs "--search $serial_tiny ($tiny_customers, baseline)" "$B_MEDIAN_US" "$B_MEAN_US" "$runs" call
ratio "serial: $customers / $tiny_customers accounts" "$A_MEDIAN_US" "$B_MEDIAN_US"
goal "flat (<= 1.5x the tiny database)" $((A_MEDIAN_US * 10 <= B_MEDIAN_US * 15))

interleave "$runs" account_on_big account_on_tiny
report_runs "--search $account_big ($customers)" "$A_MEDIAN_US" "$A_MEAN_US" "$runs" call
report_runs "--search $account_tiny ($tiny_customers, baseline)" "$B_MEDIAN_US" "$B_MEAN_US" "$runs" call
ratio "account: $customers / $tiny_customers accounts" "$A_MEDIAN_US" "$B_MEDIAN_US"
goal "flat (<= 1.5x the tiny database)" $((A_MEDIAN_US * 10 <= B_MEDIAN_US * 15))
