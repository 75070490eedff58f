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
# import again (every row unchanged). Also the floor: the same rows written by SQL alone, to tell
# SQLite's share of the ratio from wbill's. Then, unless BENCH_READING_POSTPAID=0, the same file into the
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


# The floor: the same rows written by SQL alone, into a copy of the same database, in one
# transaction — each reading, its consumption record, and for each prepaid one with a volume a
# deduction in the ledger and its audit entry — with none of wbill's judging (a flat price per
# litre stands in for the tariff, the balance rule and alarms are left out). What sqlite3 itself
# takes to write what the import writes: the part of the ratio no code of wbill's can remove.
copy_db "$prepaid" "$dir/floor.db"
cat > "$dir/floor.sql" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TEMP TABLE csv (serial TEXT NOT NULL, at TEXT NOT NULL, value TEXT NOT NULL);
.import --csv --skip 1 $csv csv
INSERT INTO reading_imports (at, operator, source) VALUES ('$at', 'bench', 'floor');
INSERT INTO meter_readings (meter_id, account_id, at, value, source, operator, recorded_at, import_id, import_line)
    SELECT m.id, am.account_id, c.at, CAST(replace(c.value, '.', '') AS INTEGER), 'handheld', 'bench', '$at',
           (SELECT max(id) FROM reading_imports), c.rowid + 1
    FROM temp.csv c JOIN meters m ON m.serial = c.serial
    JOIN account_meters am ON am.meter_id = m.id AND am.removed_at IS NULL;
INSERT INTO consumptions (reading_id, meter_id, account_id, from_at, to_at, volume, kind, cumulative, recorded_at)
    SELECT r.id, r.meter_id, r.account_id, am.installed_at, r.at, r.value, 'measured', r.value, r.recorded_at
    FROM meter_readings r JOIN account_meters am ON am.meter_id = r.meter_id AND am.removed_at IS NULL
    WHERE r.import_id = (SELECT max(id) FROM reading_imports);
CREATE TEMP TABLE before AS SELECT coalesce(max(id), 0) AS id FROM ledger_entries;
INSERT INTO ledger_entries (account_id, customer_id, kind, amount, reference, at, operator)
    SELECT c.account_id, h.customer_id, 'deduction', -(c.volume / 100 + 1), 'consumption ' || c.id, '$at', 'bench'
    FROM consumptions c JOIN accounts a ON a.id = c.account_id AND a.business_mode = 'system-prepaid'
    JOIN account_holders h ON h.account_id = a.id AND h.to_date IS NULL
    WHERE c.reading_id IN (SELECT id FROM meter_readings WHERE import_id = (SELECT max(id) FROM reading_imports)) AND c.volume > 0;
INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes)
    SELECT '$at', 'bench', 'reading import', 'account', a.number, 'deduction',
           json_object('receipt', json_object('old', NULL, 'new', e.id), 'amount', json_object('old', NULL, 'new', e.amount))
    FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE e.id > (SELECT id FROM temp.before);
COMMIT;
SQL
measure "the same rows by SQL alone (floor)" sqlite3 "$dir/floor.db" ".read $dir/floor.sql"
floor_ms=$LAST_MS
floor_deductions=$(sqlite3 "$dir/floor.db" "SELECT count(*) FROM ledger_entries WHERE kind = 'deduction'")
echo "  floor wrote: $(sqlite3 "$dir/floor.db" "SELECT count(*) FROM meter_readings") readings, $floor_deductions deductions"
ratio "wbill / the same rows by SQL alone" "$ours_ms" "$floor_ms"
ratio "SQL alone / sqlite3 .import" "$floor_ms" "$base_ms"

measure "wbill reading import again (unchanged)" "$WBILL" reading import "$csv"

if [ -n "$postpaid" ]; then
    copy_db "$postpaid" "$dir/postpaid.db"
    measure "wbill reading import (all postpaid)" env WBILL_DB="$dir/postpaid.db" "$WBILL" reading import "$csv"
    ratio "wbill / sqlite3 .import, all postpaid" "$LAST_MS" "$base_ms"
fi
