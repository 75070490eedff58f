#!/usr/bin/env bash
# Runs every benchmark under Benchmarks/. Each one measures wbill and a baseline in the same run and
# prints the ratio. WBILL: the release binary. BENCH_FILTER: run only benchmarks whose name contains it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export WBILL="${WBILL:-.build/release/wbill}"
case "$WBILL" in /*) ;; *) WBILL="$(pwd)/$WBILL" ;; esac
export BENCH_LIB="$here/lib.sh"
status=0
for bench in "$here"/bench-*.sh; do
    name="$(basename "$bench" .sh)"
    [[ -n "${BENCH_FILTER:-}" && "$name" != *"$BENCH_FILTER"* ]] && continue
    echo "== $name"
    bash "$bench" || status=1
done
exit $status
