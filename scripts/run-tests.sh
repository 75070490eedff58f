#!/usr/bin/env bash
# Runs every test (XCTest: unit and end-to-end) and ends with one plain summary line,
# "N passed, N failed, N skipped", taken from XCTest's own totals.
set -uo pipefail
log="$(mktemp "${TMPDIR:-/tmp}/wbill-tests.XXXXXX")"
trap 'rm -f "$log"' EXIT
swift test --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
totals="$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with " "$log" | tail -n 1)"
if [ -n "$totals" ]; then
    executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$totals")
    failed=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$totals")
    skipped=0
    if grep -qE "[0-9]+ tests? skipped" <<<"$totals"; then
        skipped=$(sed -E 's/.* ([0-9]+) tests? skipped.*/\1/' <<<"$totals")
    fi
    echo "$((executed - failed - skipped)) passed, $failed failed, $skipped skipped"
elif [ "$status" -eq 0 ]; then
    echo "no test ran" >&2
    status=1
fi
exit "$status"
