#!/usr/bin/env bash
# Reading import, as issue 12 measures it: `wbill reading import` of a generated CSV of BENCH_ROWS
# readings (default 1,000,000), one for each of as many installed meters, half of them on
# system-prepaid accounts (the database of lib.sh's half_prepaid_database: odd meters postpaid, even
# meters with a valve on prepaid accounts holding 300.00 CNY; built untimed on first use, which takes
# a while for a million). Every row is judged against its meter's history and yields its consumption
# record; each prepaid one is priced by the prepaid-balance tariff and deducted from the balance, and
# the few that take a balance below the low-balance line or to zero raise low-balance alarms and
# queue valve-close commands; all in one transaction. Against `sqlite3 .import --csv` of the same rows
# into a table with the same columns and an index on (serial, at), in the same run. Prints both times,
# the ratio, peak memory, what the import wrote and the goal of issue 12 (<= 2x), then the same
# import again (every row unchanged). Then, unless BENCH_READING_POSTPAID=0, the same file into the
# all-postpaid database of lib.sh's registered_database (no deductions), against the same baseline.
# BENCH_ROWS: rows and meters (default 1,000,000).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
rows="${BENCH_ROWS:-1000000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
export BENCH_CACHE="${BENCH_CACHE:-$dir/cache}"

prepaid="$(half_prepaid_database "$rows")"
postpaid=""
if [ "${BENCH_READING_POSTPAID:-1}" != 0 ]; then postpaid="$(registered_database "$rows")"; fi
copy_db "$prepaid" "$dir/wbill.db"
sleep 1  # every reading is dated after the meters were installed
at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
csv="$dir/readings.csv"
# Odd meters (postpaid) read up to 5,000 m³; even ones (prepaid) up to 33 m³ over their first day,
# which prepaid-balance prices at up to about 325.00: about one prepaid balance in twelve ends below
# the 10.00 low-balance line, and about half of those at or below zero.
python3 - "$csv" "$rows" "$at" <<'PY'
import sys
path, rows, at = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w", newline="") as f:
    f.write("serial,at,value\r\n")
    for i in range(1, rows + 1):
        whole = (i // 2 * 7) % 33 if i % 2 == 0 else (i * 7) % 5000
        f.write(f"WM-{i:08d},{at},{whole}.{i % 1000:03d}\r\n")
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
measure "wbill reading import (half prepaid)" "$WBILL" reading import "$csv"
ours_ms=$LAST_MS
read -r count consumptions deductions alarms valves < <(sqlite3 -separator ' ' "$WBILL_DB" "
    SELECT (SELECT count(*) FROM meter_readings), (SELECT count(*) FROM consumptions),
           (SELECT count(*) FROM ledger_entries WHERE kind = 'deduction'),
           (SELECT count(*) FROM alarms WHERE kind = 'low-balance'), (SELECT count(*) FROM valve_commands)")
prepaid_rows=$((rows / 2))
[ "$count" -eq "$rows" ] && [ "$consumptions" -eq "$rows" ] && [ "$deductions" -gt 0 ] && [ "$deductions" -le "$prepaid_rows" ] \
    && { [ "$rows" -lt 100 ] || { [ "$alarms" -gt 0 ] && [ "$valves" -gt 0 ]; }; } \
    || { echo "  wbill recorded $count readings, $consumptions consumptions, $deductions deductions," \
              "$alarms low-balance alarms and $valves valve commands of $rows rows" >&2; exit 1; }
echo "  wrote: $count readings, $deductions deductions, $alarms low-balance alarms, $valves valve-close commands"
ratio "wbill / sqlite3 .import" "$ours_ms" "$base_ms"
goal "<= 2x sqlite3 .import" $((ours_ms <= base_ms * 2))

measure "wbill reading import again (unchanged)" "$WBILL" reading import "$csv"

if [ -n "$postpaid" ]; then
    copy_db "$postpaid" "$dir/postpaid.db"
    measure "wbill reading import (all postpaid)" env WBILL_DB="$dir/postpaid.db" "$WBILL" reading import "$csv"
    ratio "wbill / sqlite3 .import, all postpaid" "$LAST_MS" "$base_ms"
fi
