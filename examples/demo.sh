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
run() { printf '$ wbill %s\n' "$*"; "$wbill" "$@"; }

step "Create the database"
run init
run db status

step "Tariffs: an annual-tier residential scheme, quoted for 300 m³ a year"
run tariff check --file "$here/tariffs/residential-annual.toml"
run tariff add --file "$here/tariffs/residential-annual.toml"
run tariff quote residential-annual --volume 300 --persons 5
run tariff quote residential-annual --volume 300 --persons 7
run tariff list

step "Back it up while it is in use"
run db backup --force "$dir/wbill-backup.db"

step "Who did what"
run audit list

cat <<DONE

Demo finished. Everything is in $dir:
  database  $WBILL_DB
  backup    $dir/wbill-backup.db
Try:  WBILL_DB=$WBILL_DB $wbill help
DONE
