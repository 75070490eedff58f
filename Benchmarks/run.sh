#!/usr/bin/env bash
# Runs every benchmark under Benchmarks/, in the order of the table of issue 9 (then any others by name).
# Each one measures wbill and a baseline in the same run and prints the ratio.
# WBILL: the release binary. BENCH_FILTER: run only benchmarks whose name contains it.
# BENCH_CACHE: where the databases several benchmarks share are built (default: a temporary directory
# removed at the end; a directory given here is kept, its contents keyed by size and wbill binary).
# Each benchmark documents its own variables (sizes, run counts) at its top.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export WBILL="${WBILL:-.build/release/wbill}"
case "$WBILL" in /*) ;; *) WBILL="$(pwd)/$WBILL" ;; esac
export BENCH_LIB="$here/lib.sh"
if [ -z "${BENCH_CACHE:-}" ]; then
    BENCH_CACHE="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench-cache.XXXXXX")"
    trap 'rm -rf "$BENCH_CACHE"' EXIT
fi
export BENCH_CACHE

order=(startup recharge meter-import excel-import customer-open-file audit-list customer-search reading-import bill-run export audit-verify)
benches=()
for name in "${order[@]}"; do
    if [ -f "$here/bench-$name.sh" ]; then benches+=("$here/bench-$name.sh"); fi
done
for bench in "$here"/bench-*.sh; do
    name="$(basename "$bench" .sh)"
    [[ " ${order[*]} " == *" ${name#bench-} "* ]] || benches+=("$bench")
done

status=0
for bench in "${benches[@]}"; do
    name="$(basename "$bench" .sh)"
    [[ -n "${BENCH_FILTER:-}" && "$name" != *"$BENCH_FILTER"* ]] && continue
    echo "== $name"
    bash "$bench" || status=1
done
exit $status
