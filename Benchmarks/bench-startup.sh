#!/usr/bin/env bash
# Start-up: `wbill --version` against `true` (the cost of starting any process), 200 runs each.
set -euo pipefail
source "$BENCH_LIB"
runs=200
loop() { local i; for ((i = 0; i < runs; i++)); do "$@" >/dev/null; done; }
start=$(now_ms); loop "$WBILL" --version; ours=$(( $(now_ms) - start ))
start=$(now_ms); loop /bin/true; base=$(( $(now_ms) - start ))
printf '  %-40s %5d.%02d ms per run\n' "wbill --version" $((ours / runs)) $(((ours * 100 / runs) % 100))
printf '  %-40s %5d.%02d ms per run\n' "true (baseline)" $((base / runs)) $(((base * 100 / runs) % 100))
ratio "wbill --version / true" "$ours" "$base"
