#!/usr/bin/env bash
# Installs the Debian packages wbill needs that are not installed yet; does nothing when all are.
#   scripts/install-deps.sh build   what building wbill needs
#   scripts/install-deps.sh test    plus what the tests and benchmarks use (independent readers, shells, linters)
set -euo pipefail

# libminizip-dev, zlib1g-dev, libexpat1-dev and libfreexl-dev: the Excel readers of the bulk imports
# (their static archives go into the release binary; see scripts/static-archives.sh).
build_packages=(pkg-config libsqlite3-dev libxlsxwriter-dev libminizip-dev zlib1g-dev libexpat1-dev libfreexl-dev)
# python3-openpyxl and python3-xlwt write the xlsx and xls files the import tests and benchmarks read;
# python3-dbfread reads back the DBF files wbill writes; postgresql (a throw-away server per test)
# loads the SQL exports written for it.
test_packages=(sqlite3 mandoc zsh fish bash util-linux procps python3 python3-openpyxl python3-xlwt python3-dbfread binutils postgresql time)

case "${1:-build}" in
    build) wanted=("${build_packages[@]}") ;;
    test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
    *) echo "usage: $0 build|test" >&2; exit 64 ;;
esac

missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "missing packages: ${missing[*]} (run as root or install sudo)" >&2; exit 1; }
    sudo=sudo
fi
echo "installing Debian packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
