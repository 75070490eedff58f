# Helpers shared by the benchmarks: timing in milliseconds, peak memory, and ratio printing.

# now_ms: wall-clock milliseconds.
now_ms() { date +%s%3N; }

# measure NAME COMMAND...: runs COMMAND once, prints "NAME: T ms, peak RSS M MiB" and sets
# LAST_MS and LAST_RSS_KB. Uses GNU time's %M (max resident set) from /usr/bin/time when present.
measure() {
    local name="$1"; shift
    local start end rss_file
    rss_file="$(mktemp)"
    start=$(now_ms)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$rss_file" "$@" >/dev/null
    else
        "$@" >/dev/null
        echo 0 > "$rss_file"
    fi
    end=$(now_ms)
    LAST_MS=$((end - start))
    LAST_RSS_KB=$(tail -n 1 "$rss_file")
    rm -f "$rss_file"
    printf '  %-40s %8d ms   peak RSS %6d MiB\n' "$name" "$LAST_MS" "$((LAST_RSS_KB / 1024))"
}

# ratio LABEL WBILL_MS BASELINE_MS: prints wbill/baseline with two decimals.
ratio() {
    local label="$1" ours="$2" base="$3"
    [ "$base" -gt 0 ] || base=1
    printf '  %-40s %d.%02dx the baseline\n' "$label" $((ours / base)) $(((ours * 100 / base) % 100))
}
