#!/usr/bin/env bash
# Prepares the release build's link: SQLite, the Excel readers' libraries (minizip, zlib, expat,
# freexl) and the C++ runtime from their static archives, the C library shared (so that
# name-service look-ups and any library loaded on demand, such as the xlsx writer, use the
# system's own libc).
#
# Linked as shared libraries, libsqlite3 and libstdc++ cost every command about 3,200 symbol look-ups
# in the dynamic loader before main() runs (their calls to their own functions go through the symbol
# table), and each further shared library costs its loading and relocation; linked from archives they
# cost none. SwiftPM links each system library by what `pkg-config NAME` says, so this writes a
# NAME.pc for each (sqlite3, minizip, zlib, expat, freexl) whose library directory holds only the
# archives, and prints the PKG_CONFIG_PATH to build with. Prints nothing (the build then links the
# shared libraries, as a debug build does) when SQLite's or the C++ runtime's archive is missing; a
# missing archive of the others is linked shared, with a note.
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
ln -sf "$cxx_archive" "$dir/libstdc++.a"

# write_pc PACKAGE NAME LIBS: links lib<first -l>.a of PACKAGE's libdir into DIR and writes
# DIR/pkgconfig/PACKAGE.pc linking LIBS (-l flags) from DIR, with PACKAGE's own Cflags.
write_pc() {
    local package="$1" name="$2" libs="$3" lib archive
    for lib in $libs; do
        case "$lib" in
            -lm) ;;
            -l*)
                archive="$(pkg-config --variable=libdir "$package")/lib${lib#-l}.a"
                if [ ! -f "$archive" ]; then
                    echo "note: linking $package as a shared library (no $archive)" >&2
                    rm -f "$dir/pkgconfig/$package.pc"
                    return 0
                fi
                ln -sf "$archive" "$dir/lib${lib#-l}.a"
                ;;
        esac
    done
    cat > "$dir/pkgconfig/$package.pc.tmp" <<PC
Name: $name
Description: $name from its static archive (written by scripts/static-archives.sh)
Version: $(pkg-config --modversion "$package")
Libs: -L$dir $libs
Cflags: $(pkg-config --cflags "$package")
PC
    mv "$dir/pkgconfig/$package.pc.tmp" "$dir/pkgconfig/$package.pc"
}

write_pc sqlite3 SQLite "-lsqlite3 -lm"
# minizip's archive calls zlib, which a static link names after it.
write_pc zlib zlib "-lz"
write_pc minizip minizip "-lminizip -lz"
write_pc expat expat "-lexpat"
write_pc freexl freexl "-lfreexl -lm"
echo "$dir/pkgconfig"
