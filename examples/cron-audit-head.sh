#!/usr/bin/env bash
# Records the audit chain's head once a day, after checking that the chain still leads to the head
# recorded the day before: a trail rewritten since (rows changed and every hash recomputed) does
# not, and `wbill audit verify --expect` says so. Keep HEADS where the database's users cannot
# write — another machine's disk, a write-once mount — or mail each head out (MAIL-TO): a head
# recorded only beside the database can be rewritten with it.
#
# Usage: cron-audit-head.sh HEADS [MAIL-TO]
#   HEADS    the file of recorded heads, one line per run: "DATE HEAD" (appended to)
#   MAIL-TO  mail(1) failures (and each day's head) to this address; without it a failure is
#            printed on standard error, which cron mails to the crontab's owner
# WBILL: the binary (default: wbill on PATH). WBILL_DB: the database, as for every wbill command.
#
# A crontab line (02:30 every day, after the night's runs):
#   30 2 * * *  WBILL_DB=/srv/wbill/wbill.db /usr/local/share/wbill/examples/cron-audit-head.sh /mnt/audit/wbill-heads.txt auditor@utility.example
#
# Exit status: 0 when the chain verified (and led to the last head recorded) and today's head was
# appended; 1 when it did not (nothing is appended: the last good head stays the one to check
# against); wbill's own status for anything else (66 no database …).
set -uo pipefail
wbill="${WBILL:-wbill}"
heads="${1:?usage: cron-audit-head.sh HEADS [MAIL-TO]}"
mail_to="${2:-}"
today="$(date -u +%F)"

arguments=(--quiet audit verify --format json)
last=""
if [ -s "$heads" ]; then
    last="$(tail -n 1 "$heads" | cut -d ' ' -f 2)"
    arguments+=(--expect "$last")
fi
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT
result="$("$wbill" "${arguments[@]}" 2>"$errors")"
status=$?

notify() {  # SUBJECT, then the body on standard input
    if [ -n "$mail_to" ] && command -v mail >/dev/null 2>&1; then
        mail -s "$1" "$mail_to"
    else
        { echo "$1"; cat; } >&2
    fi
}

if [ "$status" -ne 0 ]; then
    {
        cat "$errors"
        [ -n "$last" ] && echo "last head recorded: $last"
        echo "$result"
    } | notify "wbill audit chain: verification FAILED on $today (status $status)"
    exit "$status"
fi
head="$(printf '%s\n' "$result" | sed -n 's/^ *"audit_head": "\([0-9a-f]\{64\}\)",\{0,1\}$/\1/p')"
if [ -z "$head" ]; then
    echo "cron-audit-head.sh: no audit head in wbill's answer:" >&2
    printf '%s\n' "$result" >&2
    exit 1
fi
echo "$today $head" >> "$heads"
if [ -n "$mail_to" ] && command -v mail >/dev/null 2>&1; then
    echo "$today $head" | mail -s "wbill audit head $today" "$mail_to"
fi
