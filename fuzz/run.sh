#!/usr/bin/env bash
# Run every fuzz target for SECONDS (default 600) each, one after the other,
# niced, on stable Rust (RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the nightly-only
# sanitizer flags). Needs `cargo install cargo-fuzz`. Logs go to LOGDIR.
#   bash fuzz/run.sh            # all targets, 10 minutes each
#   SECONDS_EACH=60 bash fuzz/run.sh check
set -uo pipefail
cd "$(dirname "$0")"
each=${SECONDS_EACH:-600}
logdir=${LOGDIR:-/tmp/reportlint-fuzz}
mkdir -p "$logdir"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(claims check rules_yaml fix_round_trip)
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$each" -max_len=16384 -timeout=60 -rss_limit_mb=4096 \
        -print_final_stats=1 >"$logdir/$t.log" 2>&1
    echo "$t: exit $? ($(grep -c 'SUMMARY\|panicked' "$logdir/$t.log") crash lines) -> $logdir/$t.log"
done
