#!/usr/bin/env bash
# Export: `wbill export meters` of BENCH_ROWS meters (default 1,000,000), each format against the
# least work that writes the same thing, in the same run:
#   csv   against `sqlite3 -csv` of the same query (the SQL wbill runs, read from WBILL_TRACE_SQL);
#         goal: at most 1.5 times its time
#   xlsx  against a minimal C program (bench-export-xlsx-baseline.c, compiled here with
#         cc -lxlsxwriter -lsqlite3) writing the same cells from the same query with libxlsxwriter
#         in constant-memory mode; goal: at most 1.2 times its time
#   dbf   in MB/s, against `dd` writing a file of the same size (conv=fsync, as wbill's atomic
#         file is synced before it is renamed): the disk's speed
# Each pair runs BENCH_RUNS times (default 3), alternating, after one untimed run that warms the
# page cache; the medians are compared. Peak RSS is printed for every run: it must not grow with rows.
# BENCH_ROWS: meters (default 1,000,000). BENCH_RUNS: runs of each (default 3).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
rows="${BENCH_ROWS:-1000000}"
runs="${BENCH_RUNS:-3}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
export WBILL_OPERATOR=bench WBILL_DB="$dir/wbill.db"

command -v cc >/dev/null || { echo "  no C compiler (cc): cannot build the xlsx baseline" >&2; exit 1; }
cc -O2 -o "$dir/xlsx-baseline" "$BENCH_DIR/bench-export-xlsx-baseline.c" -lxlsxwriter -lsqlite3

python3 - "$dir/meters.csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", newline="") as f:
    f.write("serial,type,caliber,manufacturer,model,initial_reading,location,group\r\n")
    for i in range(1, rows + 1):
        f.write(f'WM-{i:08d},DN20 mechanical,{15 if i % 3 else 20},Ningbo Water Meter,LXS-20E,{i % 1000}.{i % 7}25,'
                f'"Block {i // 100}, unit {i % 100}",Route {i % 50}\r\n')
PY
"$WBILL" -q init
"$WBILL" -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
for g in $(seq 0 49); do "$WBILL" -q meter group add "Route $g"; done
"$WBILL" -q meter import "$dir/meters.csv" >/dev/null
rm -f "$dir/meters.csv"

# The query wbill runs, as it ran it; the run also warms the page cache for both sides.
WBILL_TRACE_SQL="$dir/trace.sql" "$WBILL" export meters --format csv >/dev/null
sql="$(grep -m1 '^SELECT m.serial' "$dir/trace.sql")"
[ -n "$sql" ] || { echo "  the export's query is not in the trace" >&2; exit 1; }

# Each run writes its file in $dir, as a user would (standard output redirected, or --output).
declare -A command=(
    [wbill_csv]="\"\$WBILL\" export meters --format csv > \"\$dir/wbill.csv\""
    [sqlite3_csv]="sqlite3 -csv -header \"\$WBILL_DB\" \"\$sql\" > \"\$dir/sqlite3.csv\""
    [wbill_xlsx]="\"\$WBILL\" export meters -o \"\$dir/wbill.xlsx\""
    [c_xlsx]="\"\$dir/xlsx-baseline\" \"\$WBILL_DB\" \"\$sql\" \"\$dir/c.xlsx\""
    [wbill_dbf]="\"\$WBILL\" export meters -o \"\$dir/wbill.dbf\""
)
export dir sql

# run NAME: runs command[NAME] through `measure` (time and peak RSS).
run() { measure "$1 (run $((RUN + 1)))" bash -c "${command[$1]}"; }

# pair A B: runs A and B alternately $runs times; sets A_MS and B_MS (medians), A_RSS (A's largest peak RSS, KiB).
pair() {
    local a_times=() b_times=()
    A_RSS=0
    for ((RUN = 0; RUN < runs; RUN++)); do
        run "$1"
        a_times+=("$LAST_MS")
        if [ "$LAST_RSS_KB" -gt "$A_RSS" ]; then A_RSS=$LAST_RSS_KB; fi
        run "$2"
        b_times+=("$LAST_MS")
    done
    A_MS=$(median "${a_times[@]}")
    B_MS=$(median "${b_times[@]}")
}

echo "  $rows meters; $runs runs of each, alternating"
pair wbill_csv sqlite3_csv
[ "$(wc -l < "$dir/wbill.csv")" -eq $((rows + 1)) ] || { echo "  wbill's csv does not have $rows rows" >&2; exit 1; }
[ "$(wc -l < "$dir/sqlite3.csv")" -eq $((rows + 1)) ] || { echo "  sqlite3's csv does not have $rows rows" >&2; exit 1; }
csv_ms=$A_MS; csv_base=$B_MS; csv_rss=$A_RSS
ratio "csv: wbill / sqlite3 -csv (median)" "$csv_ms" "$csv_base"
goal "csv within 1.5x sqlite3 -csv" $((csv_ms * 10 <= csv_base * 15))

pair wbill_xlsx c_xlsx
xlsx_ms=$A_MS; xlsx_base=$B_MS
ratio "xlsx: wbill / C with libxlsxwriter" "$xlsx_ms" "$xlsx_base"
goal "xlsx within 1.2x the C program" $((xlsx_ms * 10 <= xlsx_base * 12))
printf '  %-40s wbill %d MiB, C %d MiB\n' "xlsx file sizes" $(( $(stat -c %s "$dir/wbill.xlsx") / 1048576 )) $(( $(stat -c %s "$dir/c.xlsx") / 1048576 ))

dbf_times=()
dd_times=()
for ((i = 0; i < runs; i++)); do
    RUN=$i run wbill_dbf
    dbf_times+=("$LAST_MS")
    size=$(stat -c %s "$dir/wbill.dbf")
    start=$(now_ms)
    dd if=/dev/zero of="$dir/dd.bin" bs=1M count=$(((size + 1048575) / 1048576)) conv=fsync status=none
    end=$(now_ms)
    dd_times+=($((end - start)))
    printf '  %-40s %8d ms\n' "dd of the same size, fsync (run $((i + 1)))" "$((end - start))"
    rm -f "$dir/dd.bin"
done
dbf_ms=$(median "${dbf_times[@]}")
dd_ms=$(median "${dd_times[@]}")
[ "$dbf_ms" -gt 0 ] || dbf_ms=1
[ "$dd_ms" -gt 0 ] || dd_ms=1
mb=$((size / 1000000))
printf '  %-40s %d MB in %d ms: %d MB/s (dd: %d MB/s)\n' "dbf" "$mb" "$dbf_ms" $((size / 1000 / dbf_ms)) $((size / 1000 / dd_ms))
ratio "dbf: wbill / dd of the same size" "$dbf_ms" "$dd_ms"
