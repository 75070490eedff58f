#!/usr/bin/env bash
# Excel import: the rows of bench-meter-import (BENCH_ROWS, default 1,000,000) as an xlsx workbook
# imported by `wbill meter import` against the same rows as CSV, in the same run. The workbook is
# written as Excel writes one: every text cell a shared string (some two million distinct ones),
# numbers as numbers; it is streamed (minizip inflates the sheet, expat parses it a piece at a
# time, the shared strings past 8 MiB go to temporary files). Prints both times, the ratio, and
# the peak memory of each; both also run at a quarter of the rows, to show that the workbook
# reader's memory (the xlsx import's peak RSS over the CSV import's) is flat: it does not grow
# with the rows.
# BENCH_ROWS: rows (default 1,000,000).
set -euo pipefail
source "${BENCH_LIB:-$(dirname "$0")/lib.sh}"
rows="${BENCH_ROWS:-1000000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wbill-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

# write ROWS NAME: meters.csv and meters.xlsx of the same ROWS rows in $dir/NAME-*.
write() {
    python3 - "$dir/$2" "$1" <<'PY'
import sys, zipfile
prefix, rows = sys.argv[1], int(sys.argv[2])
header = ["serial", "type", "caliber", "manufacturer", "model", "initial_reading", "location", "group"]

def row(i):
    kind = i % 3
    if kind == 0:
        return [f"WM-{i:08d}", "DN20 mechanical", 20, "Ningbo Water Meter", "LXS-20E", 0, f"Block {i // 100}, unit {i % 100}", f"Route {i % 50}"]
    if kind == 1:
        return [f"WM-{i:08d}", "DN20 mechanical", 15, "Ningbo Water Meter", "LXS-15E", float(f"{i % 1000}.{i % 10}25"), f"Street {i % 977} No. {i % 31}", f"Route {i % 50}"]
    return [f"IC-{i:08d}", "IC card DN15", None, "Shenzhen Huaxu", "CPU-15", 0, f'Estate "{i % 13}", gate {i % 7}', None]

def csv_field(value):
    if value is None:
        return ""
    text = str(value) if not isinstance(value, float) else repr(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text

with open(prefix + "-meters.csv", "w", newline="") as f:
    f.write(",".join(header) + "\r\n")
    for i in range(rows):
        f.write(",".join(csv_field(v) for v in row(i)) + "\r\n")

def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

def column(index):
    return "ABCDEFGH"[index]

strings = {}
def string_index(text):
    if text not in strings:
        strings[text] = len(strings)
    return strings[text]

main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
with zipfile.ZipFile(prefix + "-meters.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="Meters" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'.encode())
        def write_row(r, cells):
            parts = [f'<row r="{r}">']
            for c, value in enumerate(cells):
                if value is None:
                    continue
                ref = f"{column(c)}{r}"
                if isinstance(value, str):
                    parts.append(f'<c r="{ref}" t="s"><v>{string_index(value)}</v></c>')
                else:
                    parts.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            parts.append("</row>")
            sheet.write("".join(parts).encode())
        write_row(1, header)
        for i in range(rows):
            write_row(i + 2, row(i))
        sheet.write(b"</sheetData></worksheet>")
    with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as shared:
        shared.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">'.encode())
        batch = []
        for text in strings:
            batch.append(f"<si><t>{escape(text)}</t></si>")
            if len(batch) == 10000:
                shared.write("".join(batch).encode())
                batch = []
        shared.write(("".join(batch) + "</sst>").encode())
PY
}

# database NAME: a fresh wbill database with the meter types and groups the rows name, in $dir/NAME.db.
database() {
    WBILL_DB="$dir/$1.db" "$WBILL" init -q
    WBILL_DB="$dir/$1.db" "$WBILL" -q meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
    WBILL_DB="$dir/$1.db" "$WBILL" -q meter-type add "IC card DN15" --kind ic-card --payment-model prepaid --caliber 15 --valve yes
    for g in $(seq 0 49); do WBILL_DB="$dir/$1.db" "$WBILL" -q meter group add "Route $g"; done
}

export WBILL_OPERATOR=bench
quarter=$((rows / 4))
write "$rows" all
write "$quarter" quarter
echo "  input: $rows rows; CSV $(( $(stat -c %s "$dir/all-meters.csv") / 1048576 )) MiB, xlsx $(( $(stat -c %s "$dir/all-meters.xlsx") / 1048576 )) MiB"

# import SIZE FORMAT: imports $dir/SIZE-meters.FORMAT into a fresh database; sets LAST_MS and LAST_RSS_KB.
import() {
    database "$1-$2"
    measure "wbill meter import, $([ "$1" = all ] && echo "$rows" || echo "$quarter") rows, $2" env WBILL_DB="$dir/$1-$2.db" "$WBILL" meter import "$dir/$1-meters.$2"
}

import quarter csv; quarter_csv_rss=$LAST_RSS_KB
import quarter xlsx; quarter_xlsx_rss=$LAST_RSS_KB
import all csv; csv_ms=$LAST_MS; csv_rss=$LAST_RSS_KB
import all xlsx; xlsx_ms=$LAST_MS; xlsx_rss=$LAST_RSS_KB
for db in all-csv all-xlsx; do
    count=$(sqlite3 "$dir/$db.db" "SELECT count(*) FROM meters")
    [ "$count" -eq "$rows" ] || { echo "  the $db import left $count of $rows meters" >&2; exit 1; }
done
differ=$(sqlite3 "$dir/all-csv.db" "ATTACH '$dir/all-xlsx.db' AS x; SELECT count(*) FROM (SELECT serial, meter_type_id, caliber, manufacturer, model, initial_reading, location, group_id FROM meters EXCEPT SELECT serial, meter_type_id, caliber, manufacturer, model, initial_reading, location, group_id FROM x.meters)")
[ "$differ" -eq 0 ] || { echo "  $differ meters differ between the CSV and the xlsx import" >&2; exit 1; }
ratio "xlsx / CSV import time" "$xlsx_ms" "$csv_ms"
ratio "xlsx / CSV peak RSS" "$xlsx_rss" "$csv_rss"
# The workbook reader's own memory: the xlsx import's peak RSS over the CSV import's of the same rows.
quarter_extra=$(((quarter_xlsx_rss - quarter_csv_rss) / 1024))
all_extra=$(((xlsx_rss - csv_rss) / 1024))
printf '  %-40s %d MiB at %d rows, %d MiB at %d rows\n' "xlsx reader's memory (xlsx - CSV RSS)" "$quarter_extra" "$quarter" "$all_extra" "$rows"
goal "xlsx reader's memory flat (within 8 MiB)" $((all_extra <= quarter_extra + 8))
