#!/usr/bin/env bash
# Recharge: one `wbill account recharge` per call in a shell loop, each with its own --ref, on a
# database with one system-prepaid account, against the sqlite3 CLI doing the same writes per call on
# a copy of the same database: one sqlite3 process, one IMMEDIATE transaction with wbill's connection
# settings (foreign keys on, synchronous FULL, WAL), the ledger entry and the audit row wbill writes
# (its balance computed from the ledger, as wbill's receipt is). The two are called alternately, each
# call timed; prints the median ms per call of each, the ratio of the medians and the goal of issue 9.
# BENCH_RECHARGE_CALLS: calls of each (default 2,000).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
calls="${BENCH_RECHARGE_CALLS:-2000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

# One customer of a system-prepaid type that takes wechat payments, on one meter (untimed).
(
    export WBILL_DB="$dir/wbill.db" WBILL_OPERATOR=bench
    "$WBILL" -q init
    "$WBILL" -q tariff add --file "$BENCH_ROOT/examples/tariffs/prepaid-balance.toml"
    "$WBILL" -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
    printf 'serial,type,caliber\r\nWM-00000001,DN20 mechanical,20\r\n' > "$dir/meters.csv"
    "$WBILL" -q meter import "$dir/meters.csv"
    "$WBILL" -q customer-type add "Prepaid homes" --water-nature residential --business-mode system-prepaid \
        --meter-type "DN20 mechanical" --tariff prepaid-balance --channel cash --channel wechat
    "$WBILL" -q customer open --type "Prepaid homes" --name "Li Lei" --id-number 110101198505051234 \
        --phone 13700137000 --address "Building 3, unit 2" --persons 2 --meter WM-00000001
) >/dev/null
account=AC00000001
copy_db "$dir/wbill.db" "$dir/baseline.db"
account_id=$(sqlite3 "$dir/baseline.db" "SELECT id FROM accounts WHERE number = '$account'")
customer_id=$(sqlite3 "$dir/baseline.db" "SELECT customer_id FROM account_holders WHERE account_id = $account_id AND to_date IS NULL")

export WBILL_DB="$dir/wbill.db" WBILL_OPERATOR=bench
recharge() { "$WBILL" account recharge "$account" --amount 100.00 --channel wechat --ref "W$RUN_INDEX"; }

# What one recharge writes, in the form wbill writes it; @REF@ is the call's reference.
sql_template="PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;
BEGIN IMMEDIATE;
INSERT INTO ledger_entries (account_id, customer_id, kind, amount, channel, reference, reason, reverses_id, at, operator)
VALUES ($account_id, $customer_id, 'recharge', 10000, 'wechat', '@REF@', NULL, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'bench');
INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes)
SELECT e.at, 'bench', 'wbill account recharge $account --amount 100.00 --channel wechat --ref @REF@', 'account', '$account', 'recharge',
       json_object('receipt', json_object('old', NULL, 'new', CAST(e.id AS TEXT)),
                   'amount', json_object('old', NULL, 'new', '100.00'),
                   'balance', json_object('old', printf('%d.%02d', (b.total - e.amount) / 100, (b.total - e.amount) % 100),
                                          'new', printf('%d.%02d', b.total / 100, b.total % 100)),
                   'channel', json_object('old', NULL, 'new', e.channel),
                   'reference', json_object('old', NULL, 'new', e.reference))
FROM ledger_entries e, (SELECT sum(amount) AS total FROM ledger_entries WHERE account_id = $account_id) b
WHERE e.id = last_insert_rowid();
COMMIT;"
baseline() { sqlite3 -bail "$dir/baseline.db" "${sql_template//@REF@/S$RUN_INDEX}"; }

interleave "$calls" recharge baseline

for db in wbill baseline; do
    read -r entries balance audits < <(sqlite3 -separator ' ' "$dir/$db.db" \
        "SELECT count(*), sum(amount), (SELECT count(*) FROM audit_log WHERE action = 'recharge') FROM ledger_entries")
    if [ "$entries" -ne "$calls" ] || [ "$balance" -ne $((calls * 10000)) ] || [ "$audits" -ne "$calls" ]; then
        echo "  $db: $entries ledger entries, balance $balance, $audits audit rows after $calls recharges" >&2
        exit 1
    fi
done
report_runs "wbill account recharge" "$A_MEDIAN_US" "$A_MEAN_US" "$calls" call
report_runs "sqlite3 CLI, same writes (baseline)" "$B_MEDIAN_US" "$B_MEAN_US" "$calls" call
ratio "wbill / sqlite3 CLI" "$A_MEDIAN_US" "$B_MEDIAN_US"
goal "<= 1.2x the sqlite3 CLI" $((A_MEDIAN_US * 10 <= B_MEDIAN_US * 12))
