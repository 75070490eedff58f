#!/usr/bin/env bash
# The main job of wbill on a demo database, end to end. `make demo` runs it with the release build.
# WBILL: the binary (default: wbill on PATH). WBILL_DEMO_DIR: where to work (default: a new temporary directory).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wbill="${WBILL:-wbill}"
case "$wbill" in /*) ;; */*) wbill="$(pwd)/$wbill" ;; esac
dir="${WBILL_DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/wbill-demo.XXXXXX")}"
mkdir -p "$dir"
export WBILL_DB="$dir/wbill.db"
export WBILL_OPERATOR="${WBILL_OPERATOR:-demo}"

step() { printf '\n== %s\n' "$*"; }
run() { printf '$ wbill'; printf ' %q' "$@"; printf '\n'; "$wbill" "$@"; }

step "Create the database"
run init
run db status

step "Tariffs: an annual-tier residential scheme, quoted for 300 m³ a year"
run tariff check --file "$here/tariffs/residential-annual.toml"
run tariff add --file "$here/tariffs/residential-annual.toml"
run tariff quote residential-annual --volume 300 --persons 5
run tariff quote residential-annual --volume 300 --persons 7
run tariff list

step "Meter types and reading routes"
run meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 15 --caliber 20
run meter-type add "IC card DN15" --kind ic-card --payment-model prepaid --caliber 15 --valve yes
run meter group add "Route 1" --reader "Li Wei"
run meter group add "Route 2"
run meter-type list

step "A supplier's delivery: import meters into stock (all or nothing), then again (safe: all unchanged)"
run meter import "$here/meters.csv"
run meter import "$here/meters.csv"
run meter list --group "Route 1"
run meter show WM-000003

step "Customer types: the business mode decides which meters and tariffs fit"
run tariff add --file "$here/tariffs/prepaid-card.toml"
run customer-type add Residential --water-nature residential --business-mode postpaid \
    --meter-type "DN20 mechanical" --tariff residential-annual --channel cash --channel wechat
run customer-type add "Card residential" --water-nature residential --business-mode meter-prepaid \
    --meter-type "IC card DN15" --tariff prepaid-card --channel cash
run tariff add --file "$here/tariffs/prepaid-balance.toml"
run customer-type add "Prepaid homes" --water-nature residential --business-mode system-prepaid \
    --meter-type "DN20 mechanical" --tariff prepaid-balance --channel cash --channel wechat
printf '$ wbill customer-type add Wrong --business-mode postpaid --meter-type "IC card DN15" …   (refused: exit 1)\n'
"$wbill" customer-type add Wrong --water-nature commercial --business-mode postpaid \
    --meter-type "IC card DN15" --tariff residential-annual --channel cash || true
run customer-type list

step "Register two customers: one postpaid, one system-prepaid (each opens its account)"
run customer open --type Residential --name 'Wang Fang' --id-number 110101199003071234 --phone 13800138000 \
    --address 'Building 3, unit 1' --persons 3 --meter WM-000001
run customer open --type 'Prepaid homes' --name 'Li Lei' --id-number 110101198505051234 --phone 13700137000 \
    --address 'Building 3, unit 2' --persons 2 --meter WM-000002
run customer list

step "Recharge the prepaid account; the retry with the same --ref writes nothing and prints the original receipt"
run account recharge AC00000002 --amount 100.00 --channel wechat --ref WX20261123001
run account recharge AC00000002 --amount 100.00 --channel wechat --ref WX20261123001
run account refund AC00000002 --amount 30.00 --channel cash --ref R-0001
run account transactions AC00000002

step "Readings: each yields its account's consumption since the meter went on it; a meter exchanged mid-period"
run reading add WM-000001 12.345
run reading add WM-000002 3.5 --source handheld
run meter exchange WM-000001 WM-000004 --final-reading 12.5 --initial-reading 0
run reading list --account AC00000001

step "Back it up while it is in use"
run db backup --force "$dir/wbill-backup.db"

step "Who did what (the last ten changes)"
run audit list --limit 10 --format tsv

cat <<DONE

Demo finished. Everything is in $dir:
  database  $WBILL_DB
  backup    $dir/wbill-backup.db
Try:  WBILL_DB=$WBILL_DB $wbill help
DONE
