#!/usr/bin/env bash
# A technician at the counter with IC cards, on the simulated reader (wbill-cardsim): what is on the
# reader, opening a blank card for a card-meter account, recharging it and carrying it to the
# simulated meter and back, replacing it, a card pulled out mid-write and recovered, a refund, a card from
# elsewhere refused without risking it, and a second command on a busy port.
# WBILL, WBILL_CARDSIM: the binaries (default: on PATH). WBILL_DEMO_DIR: where to work (default: a new
# temporary directory).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wbill="${WBILL:-wbill}"
cardsim="${WBILL_CARDSIM:-$(dirname "$wbill")/wbill-cardsim}"
[ -x "$cardsim" ] || cardsim=wbill-cardsim
dir="${WBILL_DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/wbill-card-demo.XXXXXX")}"
mkdir -p "$dir"
export WBILL_DB="$dir/wbill.db"
export WBILL_OPERATOR="${WBILL_OPERATOR:-demo}"
export WBILL_CARD_PORT="$dir/reader"

step() { printf '\n== %s\n' "$*"; }
run() { printf '$ wbill'; printf ' %q' "$@"; printf '\n'; "$wbill" "$@"; }
refused() { printf '$ wbill'; printf ' %q' "$@"; printf '   (refused)\n'; "$wbill" "$@" || printf '(exit %s)\n' "$?"; }
reader() { printf '[reader] %s\n' "$*"; "$cardsim" send "$dir/reader.sock" "$@"; }
meter() { printf '[meter]  %s\n' "$*"; "$cardsim" send "$dir/reader.sock" "$@" || printf '(refused)\n'; }

step "The simulated reader on a pseudo-terminal, linked at $WBILL_CARD_PORT"
"$cardsim" --control "$dir/reader.sock" --link "$WBILL_CARD_PORT" --meters "$dir/meters" --quiet </dev/null >"$dir/cardsim.out" 2>"$dir/cardsim.log" &
simulator=$!
trap 'kill $simulator 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -S "$dir/reader.sock" ] && [ -e "$WBILL_CARD_PORT" ] && break; sleep 0.05; done
run card readers

step "A card-meter account"
run init
run meter-type add "IC card DN15" --kind ic-card --payment-model prepaid --caliber 15 --valve yes
run tariff add --file "$here/tariffs/prepaid-card.toml"
run customer-type add "Card residential" --water-nature residential --business-mode meter-prepaid \
    --meter-type "IC card DN15" --tariff prepaid-card --channel cash
run meter add IC-000001 --type "IC card DN15" --caliber 15
run meter add IC-000002 --type "IC card DN15" --caliber 15
run customer open --type "Card residential" --name 'Zhao Min' --id-number 110101197801011234 --phone 13600136000 \
    --address 'Building 5, unit 1' --persons 4 --meter IC-000001
run customer open --type "Card residential" --name 'Sun Li' --id-number 110101198202021234 --phone 13500135000 \
    --address 'Building 5, unit 2' --persons 2 --meter IC-000002

step "What is on the reader: nothing, then a blank card"
run card status
reader insert blank "$dir/card-zhao.img"
run card status

step "Open the card for Zhao Min's account, then read it back"
run card open AC00000001
run card read

step "Recharge: 100.00 buys the whole litres it pays for (6.00 a m³, each fee line rounded half-up)"
run card recharge AC00000001 --amount 100.00 --channel cash --ref R-0001
run card recharge AC00000001 --amount 100.00 --channel cash --ref R-0001
refused card recharge AC00000001 --volume 5 --channel cash

step "The customer takes the card to the meter, uses water, and comes back for more"
meter swipe IC-000001
meter use IC-000001 6.668
run card recharge AC00000001 --volume 5 --channel cash
meter swipe IC-000001
run card read

step "A copy of the card kept from before is refused by the meter once it has taken a later purchase"
reader remove
cp "$dir/card-zhao.img" "$dir/card-zhao-copy.img"
reader insert "$dir/card-zhao.img"
run card recharge AC00000001 --volume 1 --channel cash
meter swipe IC-000001
reader remove
reader insert "$dir/card-zhao-copy.img"
meter swipe IC-000001
reader remove
reader insert "$dir/card-zhao.img"

step "The card is replaced: the new one carries the last purchase, and is recharged after the meter has seen it"
reader remove
reader insert blank "$dir/card-zhao-2.img"
run card replace AC00000001
refused card recharge AC00000001 --volume 2 --channel cash
meter swipe IC-000001
run card recharge AC00000001 --volume 2 --channel cash
reader remove
reader insert "$dir/card-zhao.img"
meter swipe IC-000001
reader remove
reader insert "$dir/card-zhao-2.img"
meter swipe IC-000001

step "A card pulled out during a recharge: the purchase stays pending, charged once, and recover finishes it"
reader fault pull 1
refused card recharge AC00000001 --volume 3 --channel cash --ref R-0002
reader insert "$dir/card-zhao-2.img"
run card recover

step "Before the meter takes it, part of the purchase is refunded: the card carries the rest"
run card refund AC00000001 --volume 1 --channel cash
meter swipe IC-000001
refused card refund AC00000001 --volume 1 --channel cash
run account transactions AC00000001
reader remove

step "A card pulled out while it is written: the write stops, and opening again with it finishes it"
reader insert blank "$dir/card-sun.img"
reader fault pull 2
refused card open AC00000002
reader insert "$dir/card-sun.img"
run card status
run card open AC00000002
run card status

step "A card from elsewhere with another code: one try, then no more (it is not ours to lock)"
reader remove
printf 'wbill-cardsim card 1\ntype sle4442\ncounter 07\ncode 12 34 56\nprotection 00 FF FF FF\n' >"$dir/elsewhere.img"
{ printf '00: A2 13 10 91 00 00 00 63 FF FF FF FF FF FF FF FF\n'
  for row in 10 20 30 40 50 60 70 80 90 A0 B0 C0 D0 E0 F0; do printf '%s: FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF\n' "$row"; done
} >>"$dir/elsewhere.img"
reader insert "$dir/elsewhere.img"
run meter add IC-000003 --type "IC card DN15" --caliber 15
run customer open --type "Card residential" --name 'Qian Bo' --id-number 110101199909091234 --phone 13400134000 \
    --address 'Building 5, unit 3' --persons 1 --meter IC-000003
refused card open AC00000003
refused card open AC00000003
reader dump >"$dir/dump.txt"
head -1 "$dir/dump.txt"

step "The reader silent, then a second command while the first holds the port"
reader fault stall
refused card status
"$wbill" card status >/dev/null 2>&1 &
first=$!
sleep 0.5
refused card status
wait $first || true
reader fault clear

step "Who did what"
run audit list --entity card

printf '\nThe demo database, card images and the simulator log are in %s\n' "$dir"
