#!/usr/bin/env bash
# Reading import: `wbill reading import` of a generated CSV of BENCH_ROWS readings (default 1,000,000),
# one for each of as many installed meters (the registered database of lib.sh: BENCH_ROWS residential
# customers, one meter each, registered with `customer open --file`; built untimed on first use, which
# takes a while for a million), each row judged against its meter's history and yielding its
# consumption record, all in one transaction; against `sqlite3 .import --csv` of the same rows into a
# table with the same columns and an index on (serial, at), in the same run. Prints both times, the
# ratio, peak memory and the goal of issue 12 (<= 2x; prepaid deductions come later), then the same
# import again (every row unchanged).
# BENCH_ROWS: rows and meters (default 1,000,000).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
rows="${BENCH_ROWS:-1000000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
export BENCH_CACHE="${BENCH_CACHE:-$dir/cache}"

registered="$(registered_database "$rows")"
copy_db "$registered" "$dir/wbill.db"
sleep 1  # every reading is dated after the meters were installed
at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
csv="$dir/readings.csv"
python3 - "$csv" "$rows" "$at" <<'PY'
import sys
path, rows, at = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w", newline="") as f:
    f.write("serial,at,value\r\n")
    for i in range(1, rows + 1):
        f.write(f"WM-{i:08d},{at},{(i * 7) % 5000}.{i % 1000:03d}\r\n")
PY
echo "  input: $rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MiB"

# Baseline: sqlite3's own CSV import into a table with the same columns and an index on (serial, at).
sqlite3 "$dir/baseline.db" >/dev/null <<'SQL'
PRAGMA journal_mode = WAL;
CREATE TABLE readings_csv (serial TEXT NOT NULL, at TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX readings_csv_serial ON readings_csv (serial, at);
SQL
measure "sqlite3 .import --csv (baseline)" sqlite3 "$dir/baseline.db" ".import --csv --skip 1 $csv readings_csv"
base_ms=$LAST_MS

export WBILL_DB="$dir/wbill.db" WBILL_OPERATOR=bench
measure "wbill reading import (judged)" "$WBILL" reading import "$csv"
ours_ms=$LAST_MS
count=$(sqlite3 "$WBILL_DB" "SELECT count(*) FROM meter_readings")
consumptions=$(sqlite3 "$WBILL_DB" "SELECT count(*) FROM consumptions")
[ "$count" -eq "$rows" ] && [ "$consumptions" -eq "$rows" ] \
    || { echo "  wbill recorded $count readings and $consumptions consumptions of $rows rows" >&2; exit 1; }
ratio "wbill / sqlite3 .import" "$ours_ms" "$base_ms"
goal "<= 2x sqlite3 .import" $((ours_ms <= base_ms * 2))

measure "wbill reading import again (unchanged)" "$WBILL" reading import "$csv"
