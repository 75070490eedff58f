#!/usr/bin/env bash
# Bill run: `wbill bill run` of one month for BENCH_ROWS postpaid accounts (default 1,000,000: the
# registered database of lib.sh, one meter each), on a 3-tier monthly tariff with two components
# (water and sewage, each with its own rate per tier: `tariff edit` adds it as a new version of the
# accounts' tariff from the month billed), one reading per meter in the month (imported, untimed).
# wbill writes full bills: a number, the bill, its lines, the records it rests on, a bill-charge
# ledger entry and an audit entry each, committed in batches. Against the same pricing done as one
# `INSERT … SELECT` in the sqlite3 shell, on a copy of the same database, in the same run: each
# account's volume summed from its queued consumption records and cut at the tiers into one line
# per component and tier (volume and rounded amount). Prints both times, the ratio, peak memory and
# the goal of issue 13 (<= 5x); then the floor, the same rows written by SQL alone, to tell
# SQLite's share of the ratio from wbill's; then the same run again (every account already billed).
# BENCH_ROWS: accounts (default 1,000,000).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
rows="${BENCH_ROWS:-1000000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
export BENCH_CACHE="${BENCH_CACHE:-$dir/cache}"

registered="$(registered_database "$rows")"
copy_db "$registered" "$dir/wbill.db"
export WBILL_DB="$dir/wbill.db" WBILL_OPERATOR=bench
# The month after the accounts were opened is billed, on the 5th of the month after it.
month="$(date -u -d "$(date -u +%Y-%m-01) +1 month" +%Y-%m)"
run_day="$(date -u -d "$month-01 +1 month +4 days" +%Y-%m-%dT08:00:00Z)"
export WBILL_NOW="$run_day"

cat > "$dir/bench-tariff.toml" <<'TOML'
name = "residential-annual"
kind = "postpaid"
description = "bench: 3 monthly tiers, two components"
currency = "CNY"
rounding = "half-up"
tier-cycle = "monthly"

[[tiers]]
up-to = 10

[[tiers]]
up-to = 20

[[tiers]]

[components.water]
label = "water fee"
rates = [3.00, 4.50, 6.00]

[components.sewage]
label = "sewage treatment"
rates = [1.20, 1.50, 1.80]
TOML
"$WBILL" -q tariff edit residential-annual --file "$dir/bench-tariff.toml" --effective "$month-01" >/dev/null

csv="$dir/readings.csv"
python3 - "$csv" "$rows" "$month-20T10:00:00Z" <<'PY'
import sys
path, rows, at = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w", newline="") as f:
    f.write("serial,at,value\r\n")
    for i in range(1, rows + 1):
        f.write(f"WM-{i:08d},{at},{(i * 7) % 31}.{i % 1000:03d}\r\n")
PY
"$WBILL" -q reading import "$csv" >/dev/null
echo "  input: $rows postpaid accounts, one reading each in $month"

# Baseline: the same pricing as one INSERT … SELECT, on a copy of the same database.
copy_db "$WBILL_DB" "$dir/baseline.db"
cat > "$dir/baseline.sql" <<SQL
CREATE TABLE bench_rates (component TEXT, tier INTEGER, from_litres INTEGER, to_litres INTEGER, fen_per_m3 INTEGER);
INSERT INTO bench_rates VALUES ('water', 1, 0, 10000, 300), ('water', 2, 10000, 20000, 450), ('water', 3, 20000, 9223372036854775807, 600),
                               ('sewage', 1, 0, 10000, 120), ('sewage', 2, 10000, 20000, 150), ('sewage', 3, 20000, 9223372036854775807, 180);
CREATE TABLE bench_lines (account_id INTEGER NOT NULL, component TEXT NOT NULL, tier INTEGER NOT NULL, litres INTEGER NOT NULL,
                          amount INTEGER NOT NULL);
INSERT INTO bench_lines
SELECT v.account_id, r.component, r.tier, min(v.litres, r.to_litres) - r.from_litres,
       ((min(v.litres, r.to_litres) - r.from_litres) * r.fen_per_m3 + 500) / 1000
FROM (SELECT u.account_id, sum(c.volume) AS litres FROM unbilled_consumptions u JOIN consumptions c ON c.id = u.consumption_id
      WHERE c.to_at < '$(date -u -d "$month-01 +1 month" +%Y-%m-%d)' GROUP BY u.account_id) v
JOIN bench_rates r ON v.litres > r.from_litres
ORDER BY v.account_id, r.component DESC, r.tier;
SQL
measure "sqlite3 INSERT … SELECT (baseline)" sqlite3 "$dir/baseline.db" ".read $dir/baseline.sql"
base_ms=$LAST_MS
lines=$(sqlite3 "$dir/baseline.db" "SELECT count(*) FROM bench_lines")

measure "wbill bill run (full bills)" "$WBILL" bill run --period "$month"
ours_ms=$LAST_MS
bills=$(sqlite3 "$WBILL_DB" "SELECT count(*) FROM bills")
ours_lines=$(sqlite3 "$WBILL_DB" "SELECT count(*) FROM bill_lines")
charges=$(sqlite3 "$WBILL_DB" "SELECT count(*) FROM ledger_entries WHERE kind = 'bill-charge'")
charged=$(sqlite3 "$WBILL_DB" "SELECT count(*) FROM bills WHERE total > 0")  # a bill of zero has no charge
[ "$bills" -eq "$rows" ] && [ "$charges" -eq "$charged" ] \
    || { echo "  wbill issued $bills bills and $charges charges for $rows accounts ($charged bills above zero)" >&2; exit 1; }
same=$(sqlite3 "$WBILL_DB" "ATTACH '$dir/baseline.db' AS base;
    SELECT (SELECT sum(total) FROM bills) = (SELECT sum(amount) FROM base.bench_lines)")
[ "$same" -eq 1 ] || { echo "  wbill's total differs from the baseline's" >&2; exit 1; }
echo "  $bills bills, $ours_lines lines (baseline $lines lines), the same total"
ratio "wbill / sqlite3 INSERT … SELECT" "$ours_ms" "$base_ms"
goal "<= 5x sqlite3 INSERT … SELECT" $((ours_ms <= base_ms * 5))


# The floor: the same rows a bill run writes, by SQL alone, into a copy of the database as it was
# before the run, in one transaction — per account a bill (with the bills table's indexes), its
# lines, the records it rests on, its bill-charge ledger entry and its audit entry, the billing
# queue emptied — priced as the baseline prices (no tariff engine, numbering or checks of wbill's).
# What SQLite itself takes to write what wbill writes: the part of the ratio no code of wbill's removes.
next_month="$(date -u -d "$month-01 +1 month" +%Y-%m-%d)"
last_day="$(date -u -d "$next_month -1 day" +%Y-%m-%d)"
issue_day="${run_day:0:10}"
due_day="$(date -u -d "$issue_day +15 days" +%Y-%m-%d)"
cat > "$dir/floor.sql" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TEMP TABLE rates (component TEXT, tier INTEGER, from_litres INTEGER, to_litres INTEGER, fen_per_m3 INTEGER);
INSERT INTO rates SELECT * FROM bench_rates;
CREATE TEMP TABLE volumes AS
    SELECT u.account_id, sum(c.volume) AS litres FROM unbilled_consumptions u JOIN consumptions c ON c.id = u.consumption_id
    WHERE c.to_at < '$next_month' GROUP BY u.account_id;
CREATE TEMP TABLE lines AS
    SELECT v.account_id, r.component, r.tier, r.from_litres, r.to_litres, min(v.litres, r.to_litres) - r.from_litres AS litres,
           r.fen_per_m3, ((min(v.litres, r.to_litres) - r.from_litres) * r.fen_per_m3 + 500) / 1000 AS amount
    FROM volumes v JOIN rates r ON v.litres > r.from_litres;
CREATE TEMP TABLE totals AS
    SELECT v.account_id, v.litres, coalesce(sum(l.amount), 0) AS total
    FROM volumes v LEFT JOIN (SELECT account_id, sum(amount) AS amount FROM lines GROUP BY account_id) l USING (account_id)
    GROUP BY v.account_id;
CREATE TEMP TABLE before AS SELECT coalesce(max(id), 0) AS id FROM ledger_entries;
INSERT INTO ledger_entries (account_id, customer_id, kind, amount, reference, at, operator)
    SELECT t.account_id, h.customer_id, 'bill-charge', -t.total, 'F' || t.account_id, '$run_day', 'bench'
    FROM totals t JOIN account_holders h ON h.account_id = t.account_id AND h.to_date IS NULL
    WHERE t.total > 0 ORDER BY t.account_id;
INSERT INTO bills (number, account_id, customer_id, customer_name, address, period, cycle, period_from, period_to,
                   span_from, span_to, tariff, persons, volume, currency, minor_unit, total, issued_at, issued_by,
                   issue_date, due_date, status, paid_amount, ledger_entry_id)
    SELECT printf('F%08d', t.account_id), t.account_id, h.customer_id, cu.name, cu.address, '$month', 'monthly',
           '$month-01', '$last_day', '$month-01', '$last_day', 'residential-annual', cu.persons, t.litres, 'CNY', 2,
           t.total, '$run_day', 'bench', '$issue_day', '$due_day', CASE WHEN t.total > 0 THEN 'open' ELSE 'paid' END, 0,
           (SELECT e.id FROM ledger_entries e WHERE e.account_id = t.account_id AND e.id > (SELECT id FROM temp.before)
            AND e.kind = 'bill-charge')
    FROM totals t JOIN account_holders h ON h.account_id = t.account_id AND h.to_date IS NULL
    JOIN customers cu ON cu.id = h.customer_id ORDER BY t.account_id;
INSERT INTO bill_lines (bill_id, line, kind, tariff, component, label, tier_from, tier_to, span_from, span_to, volume, rate, amount)
    SELECT b.id, row_number() OVER (PARTITION BY l.account_id ORDER BY l.component DESC, l.tier), 'volume',
           'residential-annual', l.component, l.component, l.from_litres, l.to_litres, '$month-01', '$last_day',
           printf('%d.%03d', l.litres / 1000, l.litres % 1000), printf('%d.%02d', l.fen_per_m3 / 100, l.fen_per_m3 % 100), l.amount
    FROM lines l JOIN bills b ON b.account_id = l.account_id AND b.period = '$month' AND b.status <> 'cancelled';
INSERT INTO bill_consumptions (bill_id, consumption_id)
    SELECT b.id, u.consumption_id FROM unbilled_consumptions u JOIN consumptions c ON c.id = u.consumption_id
    JOIN bills b ON b.account_id = u.account_id AND b.period = '$month' AND b.status <> 'cancelled'
    WHERE c.to_at < '$next_month';
DELETE FROM unbilled_consumptions WHERE consumption_id IN (SELECT consumption_id FROM bill_consumptions);
INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes)
    SELECT '$run_day', 'bench', 'bill run', 'bill', b.number, 'issue',
           json_object('account', json_object('old', NULL, 'new', b.account_id), 'total', json_object('old', NULL, 'new', b.total),
                       'volume', json_object('old', NULL, 'new', b.volume))
    FROM bills b WHERE b.issued_by = 'bench' AND b.number LIKE 'F%';
COMMIT;
SQL
measure "the same rows by SQL alone (floor)" sqlite3 "$dir/baseline.db" ".read $dir/floor.sql"
floor_ms=$LAST_MS
floor_bills=$(sqlite3 "$dir/baseline.db" "SELECT count(*) FROM bills")
floor_lines=$(sqlite3 "$dir/baseline.db" "SELECT count(*) FROM bill_lines")
[ "$floor_bills" -eq "$rows" ] || { echo "  the floor wrote $floor_bills bills for $rows accounts" >&2; exit 1; }
echo "  floor wrote: $floor_bills bills, $floor_lines lines"
ratio "wbill / the same rows by SQL alone" "$ours_ms" "$floor_ms"
ratio "SQL alone / sqlite3 INSERT … SELECT" "$floor_ms" "$base_ms"

measure "wbill bill run again (already billed)" "$WBILL" bill run --period "$month"
