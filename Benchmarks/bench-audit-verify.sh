#!/usr/bin/env bash
# Tamper evidence: `wbill audit verify` over BENCH_LEDGER_ROWS ledger entries, each with the audit
# entry that names it (as a recharge writes them), so it walks twice as many audit rows as ledger
# rows and recomputes every hash; against the sqlite3 CLI reading the same rows and hashing each
# (SHA3-256 of its columns, the shell's built-in hash: the floor of reading and hashing them).
# The rows are written by Python (hashlib) with the chain encoding of `man wbill-audit`, an
# independent implementation: wbill verifying them checks the two agree. Prints the time of each,
# ledger rows/s and all rows/s, the peak memory (flat: the walk streams), and the goal: within 3x of
# the shell's reading and hashing (most of wbill's time is SHA-256 itself, some 200 MB/s).
# BENCH_LEDGER_ROWS: ledger entries (default 1,000,000). BENCH_VERIFY_RUNS: runs of each (default 3).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
rows="${BENCH_LEDGER_ROWS:-1000000}"
runs="${BENCH_VERIFY_RUNS:-3}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
command -v python3 >/dev/null || { echo "  needs python3 to build the chained rows" >&2; exit 1; }

# One system-prepaid account (untimed), then the rows.
(
    export WBILL_DB="$dir/wbill.db" WBILL_OPERATOR=bench
    "$WBILL" -q init
    "$WBILL" -q tariff add --file "$BENCH_ROOT/examples/tariffs/prepaid-balance.toml"
    "$WBILL" -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 20
    printf 'serial,type,caliber\r\nWM-00000001,DN20 mechanical,20\r\n' > "$dir/meters.csv"
    "$WBILL" -q meter import "$dir/meters.csv"
    "$WBILL" -q customer-type add "Prepaid homes" --water-nature residential --business-mode system-prepaid \
        --meter-type "DN20 mechanical" --tariff prepaid-balance --channel wechat
    "$WBILL" -q customer open --type "Prepaid homes" --name "Li Lei" --id-number 110101198505051234 \
        --phone 13700137000 --address "Building 3, unit 2" --persons 2 --meter WM-00000001
) >/dev/null
start=$(now_ms)
python3 - "$dir/wbill.db" "$rows" <<'PY'
import hashlib, sqlite3, sys
path, count = sys.argv[1], int(sys.argv[2])
AUDIT = "id at real_at operator on_behalf_of command entity entity_id action changes ledger_ids ledger_hash".split()
LEDGER = "id account_id customer_id kind amount channel reference reason reverses_id at operator".split()
def link(previous, columns, values):
    data = bytearray(previous.encode())
    for name, value in zip(columns, values):
        if value is None: continue
        kind, raw = (b"i", str(value).encode()) if isinstance(value, int) else (b"t", value.encode())
        data += name.encode() + b"=" + kind + str(len(raw)).encode() + b":" + raw + b"\n"
    return hashlib.sha256(data).hexdigest()
db = sqlite3.connect(path)
db.execute("PRAGMA synchronous = OFF")
have = {r[1] for r in db.execute("pragma table_info(audit_log)")}
audit_id, audit_head = db.execute("SELECT id, chain_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
ledger_id, ledger_head = 0, "0" * 64
account, customer = db.execute("SELECT account_id, customer_id FROM account_holders").fetchone()
at = "2026-12-01T09:00:00.000Z"
ledger_rows, audit_rows = [], []
for n in range(1, count + 1):
    ledger_id += 1
    entry = [ledger_id, account, customer, "recharge", 10000, "wechat", "B%d" % n, None, None, at, "bench"]
    ledger_head = link(ledger_head, LEDGER, entry)
    ledger_rows.append(entry + [ledger_head])
    audit_id += 1
    changes = '{"receipt":{"old":null,"new":"%d"},"amount":{"old":null,"new":"100.00"}}' % ledger_id
    row = [audit_id, at, None, "bench", None, "wbill account recharge AC00000001 --amount 100.00 --channel wechat --ref B%d" % n,
           "account", "AC00000001", "recharge", changes, str(ledger_id), ledger_head]
    audit_head = link(audit_head, AUDIT, row)
    audit_rows.append([v for c, v in zip(AUDIT, row) if c in have] + [audit_head])
    if len(ledger_rows) == 50000 or n == count:
        db.executemany("INSERT INTO ledger_entries (%s, chain_hash) VALUES (%s)" % (", ".join(LEDGER), ", ".join("?" * 12)), ledger_rows)
        names = [c for c in AUDIT if c in have]
        db.executemany("INSERT INTO audit_log (%s, chain_hash) VALUES (%s)" % (", ".join(names), ", ".join("?" * (len(names) + 1))), audit_rows)
        ledger_rows, audit_rows = [], []
db.commit()
PY
echo "  built $rows chained ledger entries and their audit entries with Python in $(( $(now_ms) - start )) ms"
audits=$(sqlite3 "$dir/wbill.db" "SELECT count(*) FROM audit_log")

verify() { "$WBILL" --db "$dir/wbill.db" audit verify; }
baseline() {
    sqlite3 "$dir/wbill.db" "SELECT count(sha3(printf('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', id, account_id, customer_id, kind, amount, channel, reference, reason, reverses_id, at, operator, chain_hash), 256)) FROM ledger_entries;
        SELECT count(sha3(printf('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', id, at, real_at, operator, command, entity, entity_id, action, changes, ledger_ids, ledger_hash, chain_hash), 256)) FROM audit_log;"
}
verify | grep -q '^Result: *ok$' || { verify; exit 1; }
interleave "$runs" verify baseline
measure "wbill audit verify (peak memory)" "$WBILL" --db "$dir/wbill.db" audit verify
report_runs "wbill audit verify ($rows ledger rows)" "$A_MEDIAN_US" "$A_MEAN_US" "$runs" run
report_runs "sqlite3 CLI, read and SHA3 each row (baseline)" "$B_MEDIAN_US" "$B_MEAN_US" "$runs" run
printf '  %-40s %8d ledger rows/s   %d rows/s (ledger + %d audit)\n' "wbill audit verify" \
    $((rows * 1000000 / A_MEDIAN_US)) $(((rows + audits) * 1000000 / A_MEDIAN_US)) "$audits"
ratio "wbill / sqlite3 CLI" "$A_MEDIAN_US" "$B_MEDIAN_US"
goal "<= 3x the sqlite3 CLI" $((A_MEDIAN_US <= B_MEDIAN_US * 3))
