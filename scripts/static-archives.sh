#!/usr/bin/env bash
# Prepares the release build's link: SQLite and the C++ runtime from their static archives, the C
# library shared (so that name-service look-ups and any library loaded on demand, such as the xlsx
# writer, use the system's own libc).
#
# Linked as shared libraries, libsqlite3 and libstdc++ cost every command about 3,200 symbol look-ups
# in the dynamic loader before main() runs (their calls to their own functions go through the symbol
# table); linked from archives they cost none. SwiftPM links SQLite by what `pkg-config sqlite3` says,
# so this writes a sqlite3.pc whose library directory holds only the two archives, and prints the
# PKG_CONFIG_PATH to build with. Prints nothing (the build then links the shared libraries, as a
# debug build does) when an archive is missing.
#   usage: scripts/static-archives.sh DIR
set -euo pipefail
dir="${1:?usage: $0 DIR}"
sqlite_archive="$(pkg-config --variable=libdir sqlite3)/libsqlite3.a"
cxx_archive="$(${CC:-cc} -print-file-name=libstdc++.a)"
if [ ! -f "$sqlite_archive" ] || [ ! -f "$cxx_archive" ]; then
    echo "note: linking SQLite and the C++ runtime as shared libraries (no static archive found)" >&2
    exit 0
fi
mkdir -p "$dir/pkgconfig"
dir="$(cd "$dir" && pwd)"
ln -sf "$sqlite_archive" "$dir/libsqlite3.a"
ln -sf "$cxx_archive" "$dir/libstdc++.a"
cat > "$dir/pkgconfig/sqlite3.pc.tmp" <<PC
Name: SQLite
Description: SQLite from its static archive (written by scripts/static-archives.sh)
Version: $(pkg-config --modversion sqlite3)
Libs: -L$dir -lsqlite3 -lm
Cflags: $(pkg-config --cflags sqlite3)
PC
mv "$dir/pkgconfig/sqlite3.pc.tmp" "$dir/pkgconfig/sqlite3.pc"
echo "$dir/pkgconfig"
