#!/usr/bin/env bash
# Last month's reports, written into a folder of their own, from cron. Each file is written under a
# temporary name and renamed when whole: a run killed half-way leaves no half report behind, and a
# run started again writes the same files over.
#
# Usage: cron-monthly.sh DIR [PERIOD]
#   DIR     where the month's folder goes (DIR/2026-11/…)
#   PERIOD  the month to report (YYYY-MM; default: last month, by wbill's clock)
# WBILL: the binary (default: wbill on PATH). WBILL_DB: the database, as for every wbill command.
#
# A crontab line (as the user who owns the database; 02:15 on the first of each month, after the
# bill run and late fees):
#   15 2 1 * *  WBILL_DB=/srv/wbill/wbill.db /usr/local/share/wbill/examples/cron-monthly.sh /srv/wbill/reports
#
# Exit status: 0 when every report was written, else the first failing command's (64 usage, 66 no
# database, 73/74 cannot write the folder …); the reports written before it stay.
set -euo pipefail
wbill="${WBILL:-wbill}"
dir="${1:?usage: cron-monthly.sh DIR [PERIOD]}"
if [ $# -ge 2 ]; then
    period="$2"
else
    # Last month by wbill's clock (WBILL_NOW overrides it, as for wbill itself).
    today="$(date -u -d "${WBILL_NOW:-now}" +%Y-%m-01)"
    period="$(date -u -d "$today -1 month" +%Y-%m)"
fi
out="$dir/$period"
mkdir -p "$out"
report() { "$wbill" --quiet report "$@"; }

report consumption --period "$period" --by customer-type -o "$out/consumption-by-type.xlsx"
report consumption --period "$period" --by customer -o "$out/consumption-by-customer.csv" --bom
report consumption --period "$period" --by customer -o "$out/consumption-by-customer.dbf" --encoding gbk --truncate
report meter --period "$period" --by group -o "$out/meters-by-group.xlsx"
report financial --daily --period "$period" --by channel -o "$out/financial-daily.xlsx"
report financial --monthly --period "$period" --by customer-type -o "$out/financial-by-type.xlsx"
report nrw --period "$period" -o "$out/non-revenue-water.xlsx"
report arrears -o "$out/arrears.xlsx"
report arrears -o "$out/arrears.csv"
printf '%s\n' "$out"
