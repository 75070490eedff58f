#!/usr/bin/env bash
# Runs every test (XCTest: unit and end-to-end) and ends with one plain summary line,
# "N passed, N failed, N skipped", counted from the verdict of each test case.
set -uo pipefail
log="$(mktemp "${TMPDIR:-/tmp}/wbill-tests.XXXXXX")"
trap 'rm -f "$log"' EXIT
swift test --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# XCTest's "Executed N tests, with F failures" counts failed assertions, not failed tests, so
# the summary counts the test cases' own verdicts instead.
passed=$(grep -cE "^Test Case '.*' passed \(" "$log")
failed=$(grep -cE "^Test Case '.*' failed \(" "$log")
skipped=$(grep -cE "^Test Case '.*' skipped \(" "$log")
if grep -qE "^[[:space:]]*Executed [0-9]+ tests?, with " "$log"; then
    # A run that ended early (a crash in a test process) failed without a failed verdict: count it.
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    echo "$passed passed, $failed failed, $skipped skipped"
elif [ "$status" -eq 0 ]; then
    echo "no test ran" >&2
    status=1
fi
exit "$status"
