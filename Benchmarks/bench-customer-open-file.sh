#!/usr/bin/env bash
# Bulk registration: `wbill customer open --file` registering BENCH_CUSTOMERS residential customers (one
# meter each) into a database holding their customer type, meter type, tariff and meters in stock, against
# a SQL script run by `sqlite3` in one IMMEDIATE transaction, with wbill's connection settings (foreign keys
# on, synchronous FULL, WAL, the 32 MiB cache of a bulk write), doing the writes wbill's registration does
# today for each customer: the customer and its audit row, the account, its holder, the meter installed
# (account_meters, meters.state, meter_events) and its audit row, the account's audit row; and at the end
# the import's audit row: a summary (counts, first and last account, the file's path, size and SHA-256). Each run starts from a fresh copy of the same
# database; the script's text is generated beforehand (untimed). Prints each run, the medians, the ratio
# of the medians and the goal of issue 9 (wbill <= 0.6x the script). The database wbill leaves is kept
# in the shared cache for bench-audit-list and bench-customer-search (see lib.sh).
# BENCH_CUSTOMERS: customers (default 50,000). BENCH_OPEN_RUNS: runs of each (default 3).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
customers="${BENCH_CUSTOMERS:-50000}"
runs="${BENCH_OPEN_RUNS:-3}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
export BENCH_CACHE="${BENCH_CACHE:-$dir/cache}"

fixture="$(customers_fixture "$customers")"
csv="$fixture/customers.csv"
type_id=$(sqlite3 "$fixture/stock.db" "SELECT id FROM customer_types WHERE name = 'Residential'")
echo "  input: $customers customers, $(( $(stat -c %s "$csv") / 1024 )) KiB"

# The baseline script: wbill's writes for each row of the same file, as literal SQL statements.
python3 - "$csv" "$dir/register.sql" "$type_id" "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" "wbill customer open --file $csv" <<'PY'
import csv, hashlib, json, sys
source, target, type_id, now, command = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
today = now[:10]

def q(value):
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"

def changes(*fields):
    return json.dumps({field: {"old": old, "new": new} for field, old, new in fields}, separators=(",", ":"))

def audit(entity, entity_id, action, text):
    return (f"INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes) VALUES "
            f"({q(now)}, 'bench', {q(command)}, {q(entity)}, {q(entity_id)}, {q(action)}, {q(text)});\n")

numbers = []
with open(source, newline="") as f, open(target, "w") as out:
    out.write("PRAGMA foreign_keys = ON;\nPRAGMA synchronous = FULL;\nPRAGMA cache_size = -32768;\nBEGIN IMMEDIATE;\n")
    for i, row in enumerate(csv.DictReader(f), start=1):
        serial, number = row["meters"], f"AC{i:08d}"
        numbers.append(number)
        out.write("INSERT INTO customers (id, name, id_number, tax_number, phone, address, contact, email, persons, created_at, created_by) "
                  f"VALUES ({i}, {q(row['name'])}, {q(row['id_number'])}, NULL, {q(row['phone'])}, {q(row['address'])}, NULL, NULL, "
                  f"{int(row['persons'])}, {q(now)}, 'bench');\n")
        out.write(audit("customer", str(i), "create", changes(
            ("name", None, row["name"]), ("id_number", None, row["id_number"]), ("phone", None, row["phone"]),
            ("address", None, row["address"]), ("persons", None, row["persons"]))))
        out.write("INSERT INTO accounts (id, number, customer_type_id, business_mode, currency, minor_unit, opened_at, opened_by) "
                  f"VALUES ({i}, {q(number)}, {type_id}, 'postpaid', 'CNY', 2, {q(now)}, 'bench');\n")
        out.write("INSERT INTO account_holders (account_id, customer_id, from_date, recorded_at, recorded_by) "
                  f"VALUES ({i}, {i}, {q(today)}, {q(now)}, 'bench');\n")
        meter = f"(SELECT id FROM meters WHERE serial = {q(serial)})"
        out.write(f"INSERT INTO account_meters (account_id, meter_id, installed_at) VALUES ({i}, {meter}, {q(now)});\n")
        out.write(f"UPDATE meters SET state = 'installed' WHERE serial = {q(serial)};\n")
        out.write("INSERT INTO meter_events (meter_id, at, operator, event, from_state, to_state, detail) "
                  f"VALUES ({meter}, {q(now)}, 'bench', 'installed', 'in-stock', 'installed', {q('account ' + number)});\n")
        out.write(audit("meter", serial, "install", changes(("state", "in-stock", "installed"), ("account", None, number))))
        out.write(audit("account", number, "open", changes(
            ("customer", None, str(i)), ("customer_type", None, "Residential"), ("business_mode", None, "postpaid"),
            ("meters", None, serial))))
    with open(source, "rb") as input_file:
        content = input_file.read()
    out.write(audit("customer-import", source, "import", changes(
        ("rows", None, str(len(numbers))), ("accounts_opened", None, str(len(numbers))),
        ("meters_installed", None, str(len(numbers))), ("first_account", None, numbers[0]),
        ("last_account", None, numbers[-1]), ("file", None, source), ("file_bytes", None, str(len(content))),
        ("file_sha256", None, hashlib.sha256(content).hexdigest()))))
    out.write("COMMIT;\n")
PY
echo "  baseline script: $(( $(stat -c %s "$dir/register.sql") / 1048576 )) MiB of SQL"

# What a registration of the whole file leaves, compared between wbill and the script.
written() {
    sqlite3 -separator ' ' "$1" "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM accounts),
        (SELECT count(*) FROM account_holders), (SELECT count(*) FROM account_meters WHERE removed_at IS NULL),
        (SELECT count(*) FROM meters WHERE state = 'installed'), (SELECT count(*) FROM meter_events WHERE event = 'installed')"
}
audit_written() { sqlite3 -separator ' ' "$1" "SELECT count(*), sum(length(changes)) FROM audit_log"; }
before_audit=$(audit_written "$fixture/stock.db")

ours=() base=()
for ((run = 1; run <= runs; run++)); do
    copy_db "$fixture/stock.db" "$dir/wbill.db"
    WBILL_DB="$dir/wbill.db" WBILL_OPERATOR=bench measure "wbill customer open --file (run $run)" \
        "$WBILL" customer open --file "$csv"
    ours+=("$LAST_MS")
    copy_db "$fixture/stock.db" "$dir/baseline.db"
    measure "sqlite3 SQL script (baseline, run $run)" sqlite3 -bail "$dir/baseline.db" ".read $dir/register.sql"
    base+=("$LAST_MS")
    expected="$customers $customers $customers $customers $customers $customers"
    for db in wbill baseline; do
        got=$(written "$dir/$db.db")
        [ "$got" = "$expected" ] || { echo "  $db wrote (customers accounts holders installations installed events) $got, expected $expected" >&2; exit 1; }
    done
    if ((run == runs)); then
        read -r audit_rows0 audit_bytes0 <<<"$before_audit"
        for db in wbill baseline; do
            read -r audit_rows audit_bytes <<<"$(audit_written "$dir/$db.db")"
            printf '  %-40s %8d rows, %d KiB of changes\n' "audit written by $db" $((audit_rows - audit_rows0)) \
                $(((audit_bytes - audit_bytes0) / 1024))
        done
        keep_registered "$fixture" "$dir/wbill.db"
    fi
    rm -f "$dir"/wbill.db* "$dir"/baseline.db*
done
ours_ms=$(median "${ours[@]}")
base_ms=$(median "${base[@]}")
printf '  %-40s %8d ms   (%d.%03d ms per customer, median of %d)\n' "wbill customer open --file" "$ours_ms" \
    $((ours_ms / customers)) $(((ours_ms * 1000 / customers) % 1000)) "$runs"
printf '  %-40s %8d ms   (%d.%03d ms per customer, median of %d)\n' "sqlite3 SQL script (baseline)" "$base_ms" \
    $((base_ms / customers)) $(((base_ms * 1000 / customers) % 1000)) "$runs"
ratio "wbill / SQL script" "$ours_ms" "$base_ms"
goal "<= 0.6x the SQL script" $((ours_ms * 10 <= base_ms * 6))
