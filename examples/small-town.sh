#!/usr/bin/env bash
# A small town with one full billed month, October 2026, built with the real commands: the reports'
# test data and a place to try them. Deterministic (no randomness; every date set with WBILL_NOW).
#
#   2026-09-01  the catalogue: 5 tariffs' worth of customer types, 40 meters (2 district master
#               meters, 35 customers' 37 meters on two routes and one outside them, 3 spares in
#               stock); 35 customers registered from a file; the prepaid homes recharged
#   2026-09-30  every meter read (the start of October); prepaid homes' deductions
#   2026-10-02  the bill run for September
#   2026-10     September's bills paid (most in full, one partly, one overpaid, four not at all);
#               recharges, a refund
#   2026-10-31  every meter read but one (WM-2006, a prepaid home); one estimated (WM-1005)
#   2026-11-02  the bill run for October
#
# WBILL: the binary (default: wbill on PATH). WBILL_DB: the database to create (default: a new
# temporary directory's town.db); it must not exist yet. WBILL_TOWN_QUIET=1 prints only errors.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wbill="${WBILL:-wbill}"
case "$wbill" in /*) ;; */*) wbill="$(pwd)/$wbill" ;; esac
if [ -z "${WBILL_DB:-}" ]; then
    WBILL_DB="$(mktemp -d "${TMPDIR:-/tmp}/wbill-town.XXXXXX")/town.db"
fi
export WBILL_DB
export WBILL_OPERATOR="${WBILL_OPERATOR:-town}"
if [ -e "$WBILL_DB" ]; then
    echo "small-town.sh: $WBILL_DB exists already; give WBILL_DB a new file" >&2
    exit 73
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/wbill-town-files.XXXXXX")"
trap 'rm -rf "$work"' EXIT

say() { [ "${WBILL_TOWN_QUIET:-}" = 1 ] || printf '== %s\n' "$*"; }
# at TIME ARGS…: runs wbill on TIME's clock, quietly (its output only on failure).
at() {
    local time="$1" output
    shift
    if ! output="$(WBILL_NOW="$time" "$wbill" --quiet "$@" 2>&1)"; then
        printf 'small-town.sh: wbill %s failed:\n%s\n' "$*" "$output" >&2
        exit 1
    fi
}
# m3 LITRES: the volume in m³ with 3 decimals.
m3() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# The meters, with their route and what they measured in September and in October, in litres.
#   WM-10nn  18 postpaid homes        WM-20nn  8 system-prepaid homes (remote meters, valves)
#   WM-30nn  7 shop meters (5 shops)  WM-4001  the school             WM-4002  the clinic (no route)
#   DM-N01, DM-S01  the routes' district master meters               WM-900n  spares in stock
serials=() routes=() initial=() september=() october=()
meter() { serials+=("$1"); routes+=("$2"); initial+=("$3"); september+=("$4"); october+=("$5"); }
for i in $(seq 1 18); do
    meter "$(printf 'WM-10%02d' "$i")" "$([ "$i" -le 9 ] && echo North || echo South)" $((120000 + 7000 * i)) \
        $((9500 + 750 * i)) $((10250 + 800 * i))
done
for j in $(seq 1 8); do
    meter "$(printf 'WM-20%02d' "$j")" "$([ "$j" -le 4 ] && echo North || echo South)" $((50000 + 3000 * j)) \
        $((7000 + 600 * j)) $((7400 + 650 * j))
done
for k in $(seq 1 7); do
    meter "$(printf 'WM-30%02d' "$k")" "$([ "$k" -le 4 ] && echo North || echo South)" $((300000 + 11000 * k)) \
        $((25000 + 4000 * k)) $((27000 + 4200 * k))
done
meter WM-4001 South 800000 95000 110000
meter WM-4002 "" 400000 42000 45500
# A master meter measures its route's water and what is lost on the way: 11 % more in the North, 8 % in the South.
master_use() { # ROUTE MONTH(september|october) PERCENT
    local sum=0 n
    for n in "${!serials[@]}"; do
        [ "${routes[$n]}" = "$1" ] || continue
        if [ "$2" = september ]; then sum=$((sum + september[n])); else sum=$((sum + october[n])); fi
    done
    echo $((sum * (100 + $3) / 100))
}
north_september=$(master_use North september 11) north_october=$(master_use North october 11)
south_september=$(master_use South september 8) south_october=$(master_use South october 8)
meter DM-N01 North 5000000 "$north_september" "$north_october"
meter DM-S01 South 7000000 "$south_september" "$south_october"

setup=2026-09-01T08:00:00.000Z
say "2026-09-01: the database, tariffs, meter types, routes, customer types"
at $setup init
for tariff in residential-monthly commercial-flat prepaid-balance; do
    at $setup tariff add --file "$here/tariffs/$tariff.toml"
done
at $setup meter-type add "DN20 mechanical" --kind mechanical --payment-model postpaid --caliber 20
at $setup meter-type add "DN20 remote" --kind remote --payment-model postpaid --caliber 20 --valve yes --reading remote
at $setup meter-type add "DN25 mechanical" --kind mechanical --payment-model postpaid --caliber 25
at $setup meter-type add "DN100 bulk" --kind large-caliber --payment-model postpaid --caliber 100
at $setup meter add DM-N01 --type "DN100 bulk" --initial-reading "$(m3 5000000)" --location "North main"
at $setup meter add DM-S01 --type "DN100 bulk" --initial-reading "$(m3 7000000)" --location "South main"
at $setup meter group add North --reader "Li Wei" --master DM-N01
at $setup meter group add South --reader "Zhao Min" --master DM-S01
at $setup meter group assign North DM-N01
at $setup meter group assign South DM-S01

{
    echo "serial,type,caliber,manufacturer,model,initial_reading,location,group"
    for n in "${!serials[@]}"; do
        serial="${serials[$n]}"
        case "$serial" in
            DM-*) continue ;;
            WM-10*) type="DN20 mechanical" caliber=20 ;;
            WM-20*) type="DN20 remote" caliber=20 ;;
            *) type="DN25 mechanical" caliber=25 ;;
        esac
        echo "$serial,$type,$caliber,Ningbo Water Meter,LXS,$(m3 "${initial[$n]}"),,${routes[$n]}"
    done
    for s in 1 2 3; do echo "WM-900$s,DN20 mechanical,20,Ningbo Water Meter,LXS,0.000,store,"; done
} > "$work/meters.csv"
at $setup meter import "$work/meters.csv"

at $setup customer-type add Residential --water-nature residential --business-mode postpaid \
    --meter-type "DN20 mechanical" --tariff residential-monthly --channel cash --channel wechat --channel alipay
at $setup customer-type add "Prepaid homes" --water-nature residential --business-mode system-prepaid \
    --meter-type "DN20 remote" --tariff prepaid-balance --channel cash --channel wechat
at $setup customer-type add Shops --water-nature commercial --business-mode postpaid \
    --meter-type "DN25 mechanical" --tariff commercial-flat --channel bank-transfer --channel cash
at $setup customer-type add Public --water-nature public --business-mode postpaid \
    --meter-type "DN25 mechanical" --tariff commercial-flat --channel bank-transfer
at $setup customer-type add "District meters" --water-nature statistical --business-mode postpaid \
    --meter-type "DN100 bulk" --count-consumption no --charge no

say "2026-09-01: 35 customers from a file (each opens its account), the prepaid homes recharged"
surnames=(Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin)
{
    echo "type,name,id_number,tax_number,phone,address,contact,persons,meters"
    for i in $(seq 1 18); do
        printf 'Residential,%s Home %02d,1101011990030%05d,,1380013%04d,"%s Street %d",,%d,WM-10%02d\n' \
            "${surnames[$((i - 1))]}" "$i" "$i" "$i" "$([ "$i" -le 9 ] && echo North || echo South)" "$i" $((1 + i % 5)) "$i"
    done
    for j in $(seq 1 8); do
        printf 'Prepaid homes,%s Flat %d,1101011985050%05d,,1370013%04d,"Garden Court %d",,%d,WM-20%02d\n' \
            "${surnames[$((j + 9))]}" "$j" "$j" "$j" "$j" $((1 + j % 4)) "$j"
    done
    echo 'Shops,Golden Noodle House,,91110000600000001A,010-6000001,"Market Row 1",Zhou Bo,,WM-3001;WM-3002'
    echo 'Shops,Bright Laundry,,91110000600000002B,010-6000002,"Market Row 2",Sun Li,,WM-3003;WM-3004'
    echo 'Shops,Corner Grocery,,91110000600000003C,010-6000003,"Market Row 3",Ma Jun,,WM-3005'
    echo 'Shops,Tea Garden,,91110000600000004D,010-6000004,"Market Row 4",Hu Yan,,WM-3006'
    echo 'Shops,Sunrise Bakery,,91110000600000005E,010-6000005,"Market Row 5",Guo Fei,,WM-3007'
    echo 'Public,Town Primary School,,,010-6100001,"School Lane 1",He Ping,,WM-4001'
    echo 'Public,Town Clinic,,,010-6100002,"Hill Road 9",Lin Xia,,WM-4002'
    echo 'District meters,North district meter,,,,"North main",,,DM-N01'
    echo 'District meters,South district meter,,,,"South main",,,DM-S01'
} > "$work/customers.csv"
at $setup customer open --file "$work/customers.csv"
# Accounts are numbered in the file's order: AC00000001-18 homes, 19-26 prepaid, 27-31 shops,
# 32-33 public, 34-35 district meters.
account() { printf 'AC%08d' "$1"; }
for j in $(seq 1 8); do
    at $setup account recharge "$(account $((18 + j)))" --amount 150.00 --channel wechat --ref "WX-0901-$j"
done

# reading_file DATE MONTH(september|october) [SERIAL-NOT-READ…]: every meter's reading on DATE.
reading_file() {
    local date="$1" month="$2" n value
    shift 2
    echo "serial,at,value"
    for n in "${!serials[@]}"; do
        case " $* " in *" ${serials[$n]} "*) continue ;; esac
        value=$((initial[n] + september[n]))
        [ "$month" = october ] && value=$((value + october[n]))
        echo "${serials[$n]},${date}T10:00:00Z,$(m3 "$value")"
    done
}

say "2026-09-30: every meter read (the start of October); the prepaid homes' deductions"
reading_file 2026-09-30 september > "$work/readings-0930.csv"
at 2026-09-30T18:00:00.000Z reading import "$work/readings-0930.csv"

say "2026-10-02: the bill run for September"
at 2026-10-02T06:00:00.000Z bill run --period 2026-09

say "October: September's bills paid (one partly, one overpaid, four not at all), recharges, a refund"
day=3
while IFS=, read -r number account_number total; do
    n=${account_number#AC}
    n=$((10#$n))
    time="2026-10-$(printf '%02d' $((day % 28 + 1)))T09:00:00.000Z"
    day=$((day + 1))
    case $n in
        13) at "$time" account pay "$account_number" --amount 20.00 --channel cash --ref "PAY-$number" ;;
        14) cents=$((10#${total/./} + 5000))
            at "$time" account pay "$account_number" --amount "$(printf '%d.%02d' $((cents / 100)) $((cents % 100)))" \
                --channel wechat --ref "PAY-$number" ;;
        15 | 16 | 17 | 18) ;;
        27 | 28 | 29 | 30 | 31 | 32 | 33) at "$time" account pay "$account_number" --amount "$total" --channel bank-transfer --ref "PAY-$number" ;;
        *) at "$time" account pay "$account_number" --amount "$total" --channel alipay --ref "PAY-$number" ;;
    esac
done < <("$wbill" --format csv bill list --period 2026-09 | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                                                                        { print $c["bill"] "," $c["account"] "," $c["total"] }')
at 2026-10-12T10:00:00.000Z account recharge "$(account 19)" --amount 100.00 --channel cash --ref CASH-1012-1
at 2026-10-12T10:05:00.000Z account recharge "$(account 21)" --amount 50.00 --channel wechat --ref WX-1012-2
at 2026-10-20T15:00:00.000Z account recharge "$(account 24)" --amount 200.00 --channel wechat --ref WX-1020-1
at 2026-10-21T11:00:00.000Z account refund "$(account 23)" --amount 30.00 --channel cash --ref REFUND-1021-1

say "2026-10-31: every meter read but WM-2006; WM-1005 estimated"
reading_file 2026-10-31 october WM-2006 WM-1005 > "$work/readings-1031.csv"
at 2026-10-31T18:00:00.000Z reading import "$work/readings-1031.csv"
at 2026-10-31T18:10:00.000Z reading estimate WM-1005 --at 2026-10-31T10:00:00Z

say "2026-11-02: the bill run for October"
at 2026-11-02T06:00:00.000Z bill run --period 2026-10

if [ "${WBILL_TOWN_QUIET:-}" != 1 ]; then
    say "The town is in $WBILL_DB. October's water:"
    WBILL_NOW=2026-11-02T08:00:00.000Z "$wbill" report consumption --period 2026-10
    echo
    WBILL_NOW=2026-11-02T08:00:00.000Z "$wbill" report nrw --period 2026-10
    echo
    echo "Try:  WBILL_DB=$WBILL_DB WBILL_NOW=2026-11-02T08:00:00Z $wbill report consumption --period last-month --by group"
fi
