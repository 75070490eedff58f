#!/usr/bin/env bash
# Recharge: one `wbill account recharge` per call in a shell loop, each with its own --ref, on a
# database with one system-prepaid account, against the sqlite3 CLI doing the same writes per call on
# a copy of the same database: one sqlite3 process, one IMMEDIATE transaction with wbill's connection
# settings (foreign keys on, synchronous FULL, WAL), the ledger entry and the audit row wbill writes
# (its balance computed from the ledger, as wbill's receipt is), each chained to the row before it as
# wbill chains them (the shell has no SHA-256: its SHA3-256 stands in, over the same fields). The two
# are called alternately, each call timed; prints the median ms per call of each, the ratio of the
# medians and the goal of issue 9.
# BENCH_RECHARGE_CALLS: calls of each (default 2,000).
# BENCH_BEFORE_WBILL: another build (say, the one before the audit chain) to time against this one on
# a database of its own, alternately: prints what a recharge costs in each and the ratio.
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
INSERT INTO ledger_entries (id, account_id, customer_id, kind, amount, channel, reference, reason, reverses_id, at, operator, chain_hash)
SELECT p.id + 1, $account_id, $customer_id, 'recharge', 10000, 'wechat', '@REF@', NULL, NULL, n.at, 'bench',
       lower(hex(sha3(p.hash || 'id=i' || length(p.id + 1) || ':' || (p.id + 1) || char(10) || 'account_id=i1:$account_id' || char(10)
                      || 'customer_id=i1:$customer_id' || char(10) || 'kind=t8:recharge' || char(10) || 'amount=i5:10000' || char(10)
                      || 'channel=t6:wechat' || char(10) || 'reference=t' || length('@REF@') || ':@REF@' || char(10)
                      || 'at=t24:' || n.at || char(10) || 'operator=t5:bench' || char(10), 256)))
FROM (SELECT coalesce(max(id), 0) AS id, coalesce((SELECT chain_hash FROM ledger_entries ORDER BY id DESC LIMIT 1), printf('%064d', 0)) AS hash
      FROM ledger_entries) p, (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) n;
INSERT INTO audit_log (id, at, operator, command, entity, entity_id, action, changes, ledger_ids, ledger_hash, chain_hash)
SELECT a.id + 1, e.at, 'bench', 'wbill account recharge $account --amount 100.00 --channel wechat --ref @REF@', 'account', '$account', 'recharge',
       c.changes, CAST(e.id AS TEXT), e.chain_hash,
       lower(hex(sha3(a.hash || 'id=i' || length(a.id + 1) || ':' || (a.id + 1) || char(10) || 'at=t24:' || e.at || char(10)
                      || 'operator=t5:bench' || char(10) || 'command=t' || length('wbill account recharge $account --amount 100.00 --channel wechat --ref @REF@') || ':wbill account recharge $account --amount 100.00 --channel wechat --ref @REF@' || char(10)
                      || 'entity=t7:account' || char(10) || 'entity_id=t10:$account' || char(10) || 'action=t8:recharge' || char(10)
                      || 'changes=t' || length(c.changes) || ':' || c.changes || char(10) || 'ledger_ids=t' || length(e.id) || ':' || e.id || char(10)
                      || 'ledger_hash=t64:' || e.chain_hash || char(10), 256)))
FROM ledger_entries e, (SELECT sum(amount) AS total FROM ledger_entries WHERE account_id = $account_id) b,
     (SELECT coalesce(max(id), 0) AS id, (SELECT chain_hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash FROM audit_log) a,
     (SELECT json_object('receipt', json_object('old', NULL, 'new', CAST(x.id AS TEXT)),
                   'amount', json_object('old', NULL, 'new', '100.00'),
                   'balance', json_object('old', printf('%d.%02d', (t.total - x.amount) / 100, (t.total - x.amount) % 100),
                                          'new', printf('%d.%02d', t.total / 100, t.total % 100)),
                   'channel', json_object('old', NULL, 'new', x.channel),
                   'reference', json_object('old', NULL, 'new', x.reference)) AS changes
      FROM ledger_entries x, (SELECT sum(amount) AS total FROM ledger_entries WHERE account_id = $account_id) t
      WHERE x.id = last_insert_rowid()) c
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
sqlite3 "$dir/baseline.db" "SELECT count(*) FROM audit_log WHERE chain_hash IS NULL AND action = 'recharge'" | grep -qx 0 \
    || { echo "  the baseline wrote unchained rows" >&2; exit 1; }

if [ -n "${BENCH_BEFORE_WBILL:-}" ]; then
    # The same recharges by the other build, on its own database set up by it, alternately with this one.
    before_db="$dir/before.db"
    (
        export WBILL_DB="$before_db" WBILL_OPERATOR=bench WBILL="$BENCH_BEFORE_WBILL"
        "$WBILL" -q init
        "$WBILL" -q tariff add --file "$BENCH_ROOT/examples/tariffs/prepaid-balance.toml"
        "$WBILL" -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
        "$WBILL" -q meter import "$dir/meters.csv"
        "$WBILL" -q customer-type add "Prepaid homes" --water-nature residential --business-mode system-prepaid \
            --meter-type "DN20 mechanical" --tariff prepaid-balance --channel cash --channel wechat
        "$WBILL" -q customer open --type "Prepaid homes" --name "Li Lei" --id-number 110101198505051234 \
            --phone 13700137000 --address "Building 3, unit 2" --persons 2 --meter WM-00000001
    ) >/dev/null
    this_build() { "$WBILL" account recharge "$account" --amount 100.00 --channel wechat --ref "T$RUN_INDEX"; }
    before_build() { WBILL_DB="$before_db" "$BENCH_BEFORE_WBILL" account recharge "$account" --amount 100.00 --channel wechat --ref "T$RUN_INDEX"; }
    interleave "$calls" this_build before_build
    report_runs "this build's recharge" "$A_MEDIAN_US" "$A_MEAN_US" "$calls" call
    report_runs "BENCH_BEFORE_WBILL's recharge" "$B_MEDIAN_US" "$B_MEAN_US" "$calls" call
    ratio "this build / BENCH_BEFORE_WBILL" "$A_MEDIAN_US" "$B_MEDIAN_US"
fi
