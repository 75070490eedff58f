# Helpers shared by the benchmarks: timing (single runs, and medians of many short runs, wbill and its
# baseline interleaved), ratios and goals, and the shared customer databases of the registration,
# audit and search benchmarks.
#
# A benchmark can be run alone: `WBILL=.build/release/wbill bash Benchmarks/bench-recharge.sh`.
# WBILL: the binary (default .build/release/wbill). BENCH_CACHE: where the shared databases are built
# (Benchmarks/run.sh makes one temporary directory for the whole run and removes it at the end; a
# benchmark run alone builds them in its own temporary directory). The cache is keyed by the number of
# customers and by the hash of the binary that builds it, so a cache kept across builds is never reused
# by a new build. BENCH_FIXTURE_WBILL: the binary that builds the shared databases (default WBILL; give
# one build's binary to time another on the same databases, e.g. before and after a change).

shopt -s inherit_errexit   # a failure inside $(…) stops the benchmark too

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WBILL="${WBILL:-$BENCH_ROOT/.build/release/wbill}"
case "$WBILL" in /*) ;; *) WBILL="$(pwd)/$WBILL" ;; esac
[ -x "$WBILL" ] || { echo "  no wbill binary at $WBILL (build it: swift build -c release)" >&2; exit 1; }
export WBILL
if [ -n "${BENCH_FIXTURE_WBILL:-}" ]; then
    case "$BENCH_FIXTURE_WBILL" in /*) ;; *) BENCH_FIXTURE_WBILL="$(pwd)/$BENCH_FIXTURE_WBILL" ;; esac
    export BENCH_FIXTURE_WBILL
fi

# now_ms: wall-clock milliseconds.
now_ms() { date +%s%3N; }

# measure NAME COMMAND...: runs COMMAND once, prints "NAME: T ms, peak RSS M MiB" and sets
# LAST_MS and LAST_RSS_KB. Uses GNU time's %M (max resident set) from /usr/bin/time when present.
measure() {
    local name="$1"; shift
    local start end rss_file
    rss_file="$(mktemp)"
    start=$(now_ms)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$rss_file" "$@" >/dev/null
    else
        "$@" >/dev/null
        echo 0 > "$rss_file"
    fi
    end=$(now_ms)
    LAST_MS=$((end - start))
    LAST_RSS_KB=$(tail -n 1 "$rss_file")
    rm -f "$rss_file"
    printf '  %-40s %8d ms   peak RSS %6d MiB\n' "$name" "$LAST_MS" "$((LAST_RSS_KB / 1024))"
}

# ratio LABEL WBILL BASELINE: prints wbill/baseline with two decimals (any unit, the same for both).
ratio() {
    local label="$1" ours="$2" base="$3"
    [ "$base" -gt 0 ] || base=1
    printf '  %-40s %d.%02dx the baseline\n' "$label" $((ours / base)) $(((ours * 100 / base) % 100))
}

# goal TEXT MET: prints the goal of issue 9 for this row and whether this run meets it (MET: 1 or 0).
goal() {
    printf '  %-40s %s\n' "goal: $1" "$([ "$2" -eq 1 ] && echo met || echo "not met")"
}

# median NUMBER...: prints the median (the mean of the two middle values for an even count).
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# ms MICROSECONDS: prints milliseconds with two decimals.
ms() { printf '%d.%02d' $(($1 / 1000)) $((($1 / 10) % 100)); }

# interleave RUNS A B: calls the shell functions A and B (stdout to /dev/null) alternately, RUNS times
# each, timing every call to the microsecond without starting a timing process (EPOCHREALTIME), so
# both see the same load on a shared machine. RUN_INDEX (0 …) tells each call which run it is.
# Sets A_MEDIAN_US, A_MEAN_US, B_MEDIAN_US, B_MEAN_US. A failing call stops the benchmark.
interleave() {
    local runs="$1" a="$2" b="$3" start end a_times=() b_times=() a_total=0 b_total=0
    for ((RUN_INDEX = 0; RUN_INDEX < runs; RUN_INDEX++)); do
        start=${EPOCHREALTIME/[.,]/}
        "$a" >/dev/null
        end=${EPOCHREALTIME/[.,]/}
        a_times+=($((end - start)))
        a_total=$((a_total + end - start))
        start=${EPOCHREALTIME/[.,]/}
        "$b" >/dev/null
        end=${EPOCHREALTIME/[.,]/}
        b_times+=($((end - start)))
        b_total=$((b_total + end - start))
    done
    A_MEDIAN_US=$(median "${a_times[@]}")
    B_MEDIAN_US=$(median "${b_times[@]}")
    A_MEAN_US=$((a_total / runs))
    B_MEAN_US=$((b_total / runs))
}

# report_runs NAME MEDIAN_US MEAN_US RUNS [UNIT]: one line "NAME  X.XX ms/UNIT (median of RUNS; mean Y.YY)".
report_runs() {
    printf '  %-40s %8s ms/%s   (median of %d; mean %s ms)\n' "$1" "$(ms "$2")" "${5:-run}" "$4" "$(ms "$3")"
}

# copy_db FROM TO: copies a database file that no connection has open (and its WAL, if one was left).
copy_db() {
    cp "$1" "$2"
    rm -f "$2-wal" "$2-shm"
    if [ -f "$1-wal" ]; then cp "$1-wal" "$2-wal"; fi
}

# fixture_key: the part of a fixture's name that ties it to the binary building it (BENCH_FIXTURE_WBILL,
# default WBILL: give the older of two builds to compare them on the same fixtures).
fixture_key() {
    sha256sum "${BENCH_FIXTURE_WBILL:-$WBILL}" | cut -c1-12
}

# fixture_wbill ARGS...: runs the binary that builds fixtures.
fixture_wbill() {
    "${BENCH_FIXTURE_WBILL:-$WBILL}" "$@"
}

# customers_fixture N: prints the directory of the shared fixture for N customers, building it (untimed)
# the first time under $BENCH_CACHE:
#   stock.db       a wbill database with the tariff residential-annual, the meter type "DN20 mechanical",
#                  the postpaid customer type "Residential" and N meters WM-00000001 … in stock
#                  (made with init, tariff add, meter-type add, meter import and customer-type add)
#   customers.csv  N residential customers for `customer open --file`, customer i on meter WM-i
customers_fixture() {
    local n="$1" fixture
    fixture="$BENCH_CACHE/customers-$n-$(fixture_key)"
    if [ ! -f "$fixture/ready" ]; then
        rm -rf "$fixture"
        mkdir -p "$fixture"
        python3 - "$fixture" "$n" <<'PY'
import sys
directory, n = sys.argv[1], int(sys.argv[2])
with open(f"{directory}/meters.csv", "w", newline="") as f:
    f.write("serial,type,caliber,manufacturer,model,initial_reading,location\r\n")
    for i in range(1, n + 1):
        f.write(f'WM-{i:08d},DN20 mechanical,20,Ningbo Water Meter,LXS-20E,0.000,"Block {i // 100}, unit {i % 100}"\r\n')
with open(f"{directory}/customers.csv", "w", newline="") as f:
    f.write("type,name,id_number,phone,address,persons,meters\r\n")
    for i in range(1, n + 1):
        f.write(f'Residential,Customer {i},1101011990{i:08d},138{i:08d},"Block {i // 100}, unit {i % 100}",{1 + i % 6},WM-{i:08d}\r\n')
PY
        (
            export WBILL_DB="$fixture/stock.db" WBILL_OPERATOR=bench
            fixture_wbill -q init
            fixture_wbill -q tariff add --file "$BENCH_ROOT/examples/tariffs/residential-annual.toml"
            fixture_wbill -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
            fixture_wbill -q meter import "$fixture/meters.csv"
            fixture_wbill -q customer-type add Residential --water-nature residential --business-mode postpaid \
                --meter-type "DN20 mechanical" --tariff residential-annual --channel cash --channel wechat
        ) >/dev/null
        rm -f "$fixture/meters.csv"
        touch "$fixture/ready"
    fi
    echo "$fixture"
}

# keep_registered FIXTURE DB: keeps DB (a copy of FIXTURE's stock.db after `customer open --file` of its
# customers.csv) as FIXTURE's registered.db for the benchmarks that read it, unless it has one; else
# removes DB.
keep_registered() {
    if [ -f "$1/registered.db" ]; then
        rm -f "$2" "$2-wal" "$2-shm"
    else
        mv "$2" "$1/registered.db"
        if [ -f "$2-wal" ]; then mv "$2-wal" "$1/registered.db-wal"; fi
        rm -f "$2-shm"
    fi
}

# registered_database N: prints the path of a database where wbill registered the N customers of
# customers_fixture N with `customer open --file` (the database bench-customer-open-file leaves behind;
# made here, untimed, when it is not in the cache). Read it, do not change it.
registered_database() {
    local fixture
    fixture="$(customers_fixture "$1")"
    if [ ! -f "$fixture/registered.db" ]; then
        copy_db "$fixture/stock.db" "$fixture/registering.db"
        WBILL_DB="$fixture/registering.db" WBILL_OPERATOR=bench \
            fixture_wbill customer open --file "$fixture/customers.csv" >/dev/null
        keep_registered "$fixture" "$fixture/registering.db"
    fi
    echo "$fixture/registered.db"
}

# half_prepaid_database N: prints the path of a database (built untimed the first time, cached like the
# others) with N installed meters WM-00000001 … on N accounts, one customer each: odd meters are
# "DN20 mechanical" on postpaid "Residential" accounts (tariff residential-annual), even meters
# "DN20 valve" (a valve the system can close) on "Prepaid homes" accounts, system-prepaid and priced
# by prepaid-balance, each recharged with 300.00 CNY. Read it, do not change it.
#
# The first prepaid account is recharged by `wbill account recharge`; the others get the same ledger
# entry and audit entry by SQL, copied from that one's with their own account, reference and receipt
# number (a recharge is a process with a synchronous commit, about 30 ms: hours for half a million).
half_prepaid_database() {
    local n="$1" fixture
    fixture="$BENCH_CACHE/half-prepaid-$n-$(fixture_key)"
    if [ ! -f "$fixture/ready" ]; then
        rm -rf "$fixture"
        mkdir -p "$fixture"
        python3 - "$fixture" "$n" <<'PY'
import sys
directory, n = sys.argv[1], int(sys.argv[2])
with open(f"{directory}/meters.csv", "w", newline="") as f:
    f.write("serial,type,caliber,manufacturer,model,initial_reading,location\r\n")
    for i in range(1, n + 1):
        kind = "DN20 valve" if i % 2 == 0 else "DN20 mechanical"
        f.write(f'WM-{i:08d},{kind},20,Ningbo Water Meter,LXS-20E,0.000,"Block {i // 100}, unit {i % 100}"\r\n')
with open(f"{directory}/customers.csv", "w", newline="") as f:
    f.write("type,name,id_number,phone,address,persons,meters\r\n")
    for i in range(1, n + 1):
        kind = "Prepaid homes" if i % 2 == 0 else "Residential"
        f.write(f'{kind},Customer {i},1101011990{i:08d},138{i:08d},"Block {i // 100}, unit {i % 100}",{1 + i % 6},WM-{i:08d}\r\n')
PY
        (
            export WBILL_DB="$fixture/building.db" WBILL_OPERATOR=bench
            fixture_wbill -q init
            fixture_wbill -q tariff add --file "$BENCH_ROOT/examples/tariffs/residential-annual.toml"
            fixture_wbill -q tariff add --file "$BENCH_ROOT/examples/tariffs/prepaid-balance.toml"
            fixture_wbill -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
            fixture_wbill -q meter-type add "DN20 valve" --kind remote --payment-model postpaid --caliber 20 --valve yes
            fixture_wbill -q meter import "$fixture/meters.csv"
            fixture_wbill -q customer-type add Residential --water-nature residential --business-mode postpaid \
                --meter-type "DN20 mechanical" --tariff residential-annual --channel cash --channel wechat
            fixture_wbill -q customer-type add "Prepaid homes" --water-nature residential --business-mode system-prepaid \
                --meter-type "DN20 valve" --tariff prepaid-balance --channel cash --channel wechat
            fixture_wbill -q customer open --file "$fixture/customers.csv"
            first="$(sqlite3 "$WBILL_DB" "SELECT min(number) FROM accounts WHERE business_mode = 'system-prepaid'")"
            [ -n "$first" ] || exit 0
            fixture_wbill -q account recharge "$first" --amount 300.00 --channel wechat --ref "R-$first"
            sqlite3 -bail "$WBILL_DB" <<SQL
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
CREATE TEMP TABLE model AS
    SELECT e.id AS entry_id, e.account_id, e.amount, e.channel, e.at, e.operator, l.command, l.changes, l.real_at
    FROM ledger_entries e JOIN audit_log l ON l.entity = 'account' AND l.entity_id = '$first' AND l.action = 'recharge'
    WHERE e.reference = 'R-$first';
INSERT INTO ledger_entries (account_id, customer_id, kind, amount, channel, reference, at, operator)
    SELECT a.id, h.customer_id, 'recharge', m.amount, m.channel, 'R-' || a.number, m.at, m.operator
    FROM accounts a JOIN account_holders h ON h.account_id = a.id AND h.to_date IS NULL, model m
    WHERE a.business_mode = 'system-prepaid' AND a.id <> m.account_id ORDER BY a.id;
INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes, real_at)
    SELECT e.at, e.operator, replace(m.command, '$first', a.number), 'account', a.number,
           'recharge', json_set(m.changes, '\$.receipt.new', CAST(e.id AS TEXT), '\$.reference.new', e.reference), m.real_at
    FROM ledger_entries e JOIN accounts a ON a.id = e.account_id, model m
    WHERE e.kind = 'recharge' AND e.id > m.entry_id ORDER BY e.id;
COMMIT;
SQL
        ) >/dev/null
        mv "$fixture/building.db" "$fixture/registered.db"
        if [ -f "$fixture/building.db-wal" ]; then mv "$fixture/building.db-wal" "$fixture/registered.db-wal"; fi
        rm -f "$fixture/building.db-shm" "$fixture/meters.csv" "$fixture/customers.csv"
        touch "$fixture/ready"
    fi
    echo "$fixture/registered.db"
}
