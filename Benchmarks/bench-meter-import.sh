#!/usr/bin/env bash
# Meter import: a generated CSV of BENCH_ROWS meters (default 1,000,000) imported by `wbill meter import`
# (full validation, one transaction) against `sqlite3 .import --csv` into a table with the same columns
# and the same unique index on serial, in the same run. Prints both times, the ratio, peak memory and
# the goal of issue 9 (<= 1.5x with full validation).
# BENCH_ROWS: rows (default 1,000,000).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
rows="${BENCH_ROWS:-1000000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
csv="$dir/meters.csv"

python3 - "$csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", newline="") as f:
    f.write("serial,type,caliber,manufacturer,model,initial_reading,location,group\r\n")
    for i in range(rows):
        kind = i % 3
        if kind == 0:
            line = f'WM-{i:08d},DN20 mechanical,20,Ningbo Water Meter,LXS-20E,0.000,"Block {i // 100}, unit {i % 100}",Route {i % 50}'
        elif kind == 1:
            line = f'WM-{i:08d},DN20 mechanical,15,Ningbo Water Meter,LXS-15E,{i % 1000}.{i % 10}25,Street {i % 977} No. {i % 31},Route {i % 50}'
        else:
            line = f'IC-{i:08d},IC card DN15,,Shenzhen Huaxu,CPU-15,0,"Estate ""{i % 13}"", gate {i % 7}",'
        f.write(line + "\r\n")
PY
echo "  input: $rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MiB"

# Baseline: sqlite3's own CSV import into a table with the same columns and unique index.
sqlite3 "$dir/baseline.db" >/dev/null <<'SQL'
PRAGMA journal_mode = WAL;
CREATE TABLE meters_csv (serial TEXT NOT NULL UNIQUE, type TEXT, caliber TEXT, manufacturer TEXT, model TEXT,
                         initial_reading TEXT, location TEXT, "group" TEXT);
SQL
measure "sqlite3 .import --csv (baseline)" sqlite3 "$dir/baseline.db" ".import --csv --skip 1 $csv meters_csv"
base_ms=$LAST_MS

export WBILL_DB="$dir/wbill.db" WBILL_OPERATOR=bench
"$WBILL" init -q
"$WBILL" -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
"$WBILL" -q meter-type add "IC card DN15" --kind ic-card --payment-model prepaid --caliber 15 --valve yes
for g in $(seq 0 49); do "$WBILL" -q meter group add "Route $g"; done
measure "wbill meter import (validated)" "$WBILL" meter import "$csv"
ours_ms=$LAST_MS
count=$(sqlite3 "$WBILL_DB" "SELECT count(*) FROM meters")
[ "$count" -eq "$rows" ] || { echo "  wbill imported $count of $rows rows" >&2; exit 1; }
ratio "wbill / sqlite3 .import" "$ours_ms" "$base_ms"
goal "<= 1.5x sqlite3 .import" $((ours_ms * 10 <= base_ms * 15))

measure "wbill meter import again (all unchanged)" "$WBILL" meter import "$csv"
