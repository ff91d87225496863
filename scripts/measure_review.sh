#!/usr/bin/env bash
# Times and sizes of the review outputs on made-up DOCX reports (release
# build, medians of N runs). Not run in CI: speed is measured here, not in tests.
#
#   bash scripts/measure_review.sh [N=5]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/reportlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 scripts/make_reports.py "$work/folder" 31 60      # 31 reports of ~60 KiB of text
python3 scripts/make_reports.py "$work/big" 1 2048 7      # one report of ~2 MiB of text

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { # runs "$@" n times, prints the median wall time in seconds
    for _ in $(seq "$n"); do
        /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1
    done | median
}

echo "folder: $(ls "$work/folder" | wc -l) DOCX, $(du -sk "$work/folder" | cut -f1) KiB on disk"
echo "  check --format json  : $(time_of "$bin" check "$work/folder" --format json -o "$work/f.json") s"
echo "  check --format html  : $(time_of "$bin" check "$work/folder" --format html -o "$work/f.html") s"
echo "  page: $(du -k "$work/f.html" | cut -f1) KiB, $(grep -o '<li class="fi ' "$work/f.html" | wc -l) findings"
big="$work/big/report00.docx"
echo "big: $(du -k "$big" | cut -f1) KiB DOCX"
echo "  check --format json  : $(time_of "$bin" check "$big" --format json -o "$work/b.json") s"
echo "  check --format html  : $(time_of "$bin" check "$big" --format html -o "$work/b.html") s"
echo "  annotate             : $(time_of "$bin" annotate "$big" -o "$work/b.reviewed.docx") s"
echo "  page: $(du -k "$work/b.html" | cut -f1) KiB; annotated copy: $(du -k "$work/b.reviewed.docx" | cut -f1) KiB"
